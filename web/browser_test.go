package web

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"lkjip/fixtures"
	"lkjip/internal/progtest"
)

// TestBrowserUploadSample drives the real page in headless Chromium, as a
// user would: choose the sample's files, submit, see the findings, and
// download the report workbook.
func TestBrowserUploadSample(t *testing.T) {
	bin := progtest.Find(t, "chromium", "chromium", "chromium-browser", "google-chrome")
	_, ts := newTestServer(t, nil)

	dir := t.TempDir()
	var paths []string
	for _, f := range fixtures.Sampang2020() {
		p := filepath.Join(dir, f.Name)
		require.NoError(t, os.WriteFile(p, f.Data, 0o644))
		paths = append(paths, p)
	}
	downloads := t.TempDir()

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.WindowSize(1280, 800),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	defer cancelTimeout()

	allow := true
	err := chromedp.Do(ctx,
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
				Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads, EventsEnabled: &allow,
			})
			return err
		}),
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(chromedp.ID("files")),
		chromedp.SetUploadFiles(chromedp.ID("files"), paths),
	)
	require.NoError(t, err)
	_, err = chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS("button[type=submit]"))))
	require.NoError(t, err)
	heading, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1")))
	require.NoError(t, err)
	findings, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
	require.NoError(t, err)
	assert.Contains(t, heading, "Badan Kesatuan Bangsa dan Politik Kabupaten Sampang")
	assert.Contains(t, findings, "pk-budget-mismatch")
	assert.Contains(t, findings, "PK 2020")
	assert.Contains(t, findings, "Rp 4.281.036.741,80")
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`a[href$="laporan.xlsx"]`))))

	var report string
	require.Eventually(t, func() bool {
		entries, _ := os.ReadDir(downloads)
		for _, e := range entries {
			if e.Name() == "laporan.xlsx" {
				report = filepath.Join(downloads, e.Name())
				return true
			}
		}
		return false
	}, 30*time.Second, 100*time.Millisecond, "the report is downloaded")
	f, err := excelize.OpenFile(report)
	require.NoError(t, err)
	defer f.Close()
	assert.Len(t, f.GetSheetList(), 7)
}
