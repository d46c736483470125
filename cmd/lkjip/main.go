// Command lkjip reads an Indonesian regional agency's budget and performance
// spreadsheets, recomputes every total and percentage, flags every
// disagreement at its cell, and writes a clean report workbook.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"unicode"

	"github.com/urfave/cli/v2"
)

// Exit statuses (design.md §4).
const (
	exitOK       = 0
	exitFindings = 1 // error-severity findings
	exitUnusable = 2 // unusable input or usage
)

// errFindings reports that the command ran and found error-severity
// findings: exit status 1, nothing more to print.
var errFindings = errors.New("temuan tingkat kesalahan")

func main() {
	os.Exit(run(os.Args, os.Stdout, os.Stderr))
}

// run executes the command line and returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	app := newApp(stdout, stderr)
	err := app.RunContext(ctx, flagsFirst(app, args))
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errFindings):
		return exitFindings
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "lkjip: dibatalkan; tidak ada berkas keluaran yang ditulis")
		return exitUnusable
	}
	fmt.Fprintln(stderr, "lkjip:", oneLine(err.Error()))
	return exitUnusable
}

// oneLine makes text from a file (a file or sheet name, a cell) safe to
// print as one line on a terminal: line breaks, escape sequences and
// other control characters, and the marks that reverse the direction of
// text, are shown escaped (\n, \x1b, \u202e) instead of acting.
func oneLine(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) {
			q := strconv.QuoteRuneToASCII(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// newApp builds the command-line application.
func newApp(stdout, stderr io.Writer) *cli.App {
	// urfave/cli keeps its help flag and flag printer in package variables;
	// these set them to Bahasa Indonesia.
	cli.HelpFlag = &cli.BoolFlag{Name: "help", Aliases: []string{"h"}, Usage: "tampilkan bantuan"}
	cli.FlagStringer = flagString
	return &cli.App{
		Name:  "lkjip",
		Usage: "periksa dan susun laporan realisasi anggaran dan kinerja perangkat daerah",
		Description: "lkjip membaca spreadsheet perangkat daerah (DPA dengan realisasi, Pohon Kinerja,\n" +
			"Perjanjian Kinerja, tabel capaian), menghitung ulang setiap jumlah dan persentase,\n" +
			"menandai setiap selisih pada selnya, dan menulis buku kerja laporan yang rapi.\n" +
			"Tanpa nama berkas, check dan report memakai contoh bawaan (Bakesbangpol\n" +
			"Kabupaten Sampang 2020).\n\n" +
			"Status keluar: 0 tidak ada kesalahan, 1 ada temuan tingkat kesalahan,\n" +
			"2 berkas tidak dapat dipakai atau perintah salah.",
		Writer:                 stdout,
		ErrWriter:              stderr,
		HideHelpCommand:        true,
		CustomAppHelpTemplate:  appHelp,
		UseShortOptionHandling: true,
		OnUsageError:           usageError,
		ExitErrHandler:         func(*cli.Context, error) {},
		Commands: []*cli.Command{
			checkCommand(),
			reportCommand(),
			correctCommand(),
			consolidateCommand(),
			serveCommand(),
			templateCommand(),
		},
	}
}

// flagString prints a flag in help: "--format, -f NILAI  usage (bawaan: text)".
func flagString(f cli.Flag) string {
	var names []string
	for _, n := range f.Names() {
		if len(n) == 1 {
			names = append(names, "-"+n)
		} else {
			names = append(names, "--"+n)
		}
	}
	s := strings.Join(names, ", ")
	df, ok := f.(cli.DocGenerationFlag)
	if !ok {
		return s
	}
	if df.TakesValue() {
		s += " NILAI"
	}
	s += "\t" + df.GetUsage()
	if v := df.GetValue(); df.TakesValue() && v != "" {
		s += " (bawaan: " + v + ")"
	}
	return s
}

// flagsFirst moves a command's flags before its file arguments, so that
// "lkjip report dpa.xlsx -o laporan.xlsx" works as users type it
// (urfave/cli/v2 stops reading flags at the first argument). Everything
// after "--" stays as it is.
func flagsFirst(app *cli.App, args []string) []string {
	if len(args) < 2 {
		return args
	}
	cmd := app.Command(args[1])
	if cmd == nil {
		return args
	}
	takesValue := map[string]bool{}
	for _, f := range cmd.Flags {
		df, ok := f.(cli.DocGenerationFlag)
		for _, n := range f.Names() {
			takesValue[n] = ok && df.TakesValue()
		}
	}
	var flags, files []string
	rest := args[2:]
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		if a == "--" {
			files = append(files, rest[i:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			files = append(files, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if takesValue[name] && !strings.Contains(name, "=") && i+1 < len(rest) {
			i++
			flags = append(flags, rest[i])
		}
	}
	out := append([]string{args[0], args[1]}, flags...)
	return append(out, files...)
}

// usageError words a command-line mistake in Bahasa Indonesia.
func usageError(c *cli.Context, err error, _ bool) error {
	return fmt.Errorf("perintah salah: %v (lihat: lkjip %s --help)", err, c.Command.Name)
}

// appHelp is the top-level help, in Bahasa Indonesia.
const appHelp = `{{.Name}} - {{.Usage}}

PEMAKAIAN:
   {{.Name}} PERINTAH [opsi] [BERKAS...]

{{.Description}}

PERINTAH:{{range .VisibleCommands}}
   {{join .Names ", "}}{{"\t"}}{{.Usage}}{{end}}

Bantuan tiap perintah: {{.Name}} PERINTAH --help
`

// commandHelp is a command's help, in Bahasa Indonesia.
const commandHelp = `{{.HelpName}} - {{.Usage}}

PEMAKAIAN:
   {{.HelpName}} {{.ArgsUsage}}
{{if .Description}}
{{.Description}}
{{end}}
OPSI:{{range .VisibleFlags}}
   {{.}}{{end}}
`
