#!/usr/bin/python3
"""Writes the reader's test corpus: the same kinds of tables agencies keep,
laid out as different programs write them. Run by make-corpus.sh, which then
converts some of these files with LibreOffice and Gnumeric. The tests read
only the files this produces; they never run this script.

Written with openpyxl (which stores formulas without results, as some
generators do), plus CSV and HTML written as text."""

import csv
import io
from decimal import Decimal as D, ROUND_HALF_UP

import openpyxl
from openpyxl.styles import Font, Alignment
from openpyxl.worksheet.datavalidation import DataValidation  # noqa: F401 (kept for parity)


def idr(d, places=0):
    """Indonesian text form: 1.788.546.290,80"""
    q = D(1).scaleb(-places)
    s = f"{abs(d.quantize(q, rounding=ROUND_HALF_UP)):,.{places}f}"
    s = s.replace(",", "_").replace(".", ",").replace("_", ".")
    return ("-" if d < 0 else "") + s


def pct(real, ang):
    if ang == 0:
        return D(0)
    return (real * 100 / ang).quantize(D("0.01"), rounding=ROUND_HALF_UP)


# ---------------------------------------------------------------------------
# SIPD style (Permendagri 90/2019): codes, numbers, accounts under
# sub-kegiatan, a Sisa column. Each node: (code, name, anggaran, realisasi)
# for leaves, (code, name, [children]) for parents.

SIPD = ("2", "URUSAN PEMERINTAHAN WAJIB YANG TIDAK BERKAITAN DENGAN PELAYANAN DASAR", [
    ("2.16", "URUSAN PEMERINTAHAN BIDANG KOMUNIKASI DAN INFORMATIKA", [
        ("2.16.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA", [
            ("2.16.01.2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah", [
                ("2.16.01.2.01.0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah", [
                    ("5.1.02", "Belanja Barang dan Jasa", [
                        ("5.1.02.01.01.0024", "Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor", D("12500000"), D("11873500")),
                        ("5.1.02.01.01.0026", "Belanja Alat/Bahan untuk Kegiatan Kantor-Bahan Cetak", D("4750000"), D("4750000")),
                        ("5.1.02.02.01.0026", "Belanja Jasa Tenaga Administrasi", D("36000000"), D("33000000")),
                    ]),
                ]),
                ("2.16.01.2.01.0006", "Koordinasi dan Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD", [
                    ("5.1.02", "Belanja Barang dan Jasa", [
                        ("5.1.02.01.01.0052", "Belanja Makanan dan Minuman Rapat", D("8400000.50"), D("7980000")),
                        ("5.1.02.04.01.0001", "Belanja Perjalanan Dinas Biasa", D("15000000"), D("13250750.25")),
                    ]),
                ]),
            ]),
            ("2.16.01.2.02", "Administrasi Keuangan Perangkat Daerah", [
                ("2.16.01.2.02.0001", "Penyediaan Gaji dan Tunjangan ASN", [
                    ("5.1.01", "Belanja Pegawai", [
                        ("5.1.01.01.01.0001", "Belanja Gaji Pokok PNS", D("1850000000"), D("1791234560")),
                        ("5.1.01.01.02.0001", "Belanja Tunjangan Keluarga PNS", D("185000000"), D("179123456")),
                    ]),
                ]),
            ]),
        ]),
        ("2.16.02", "PROGRAM INFORMASI DAN KOMUNIKASI PUBLIK", [
            ("2.16.02.2.01", "Pengelolaan Informasi dan Komunikasi Publik Pemerintah Daerah Kabupaten/Kota", [
                ("2.16.02.2.01.0002", "Pengelolaan Konten dan Perencanaan Media Komunikasi Publik", [
                    ("5.1.02", "Belanja Barang dan Jasa", [
                        ("5.1.02.02.01.0063", "Belanja Kawat/Faksimili/Internet/TV Berlangganan", D("96000000"), D("88000000")),
                        ("5.1.02.02.12.0001", "Belanja Kursus Singkat/Pelatihan", D("25000000"), D("24850000")),
                    ]),
                    ("5.2.02", "Belanja Modal Peralatan dan Mesin", [
                        ("5.2.02.05.01.0005", "Belanja Modal Alat Kantor Lainnya", D("47500000"), D("46980000")),
                    ]),
                ]),
            ]),
        ]),
        ("2.16.03", "PROGRAM APLIKASI INFORMATIKA", [
            ("2.16.03.2.02", "Pengelolaan e-government di Lingkup Pemerintah Daerah Kabupaten/Kota", [
                ("2.16.03.2.02.0005", "Pengembangan Aplikasi dan Proses Bisnis Pemerintahan Berbasis Elektronik", [
                    ("5.1.02", "Belanja Barang dan Jasa", [
                        ("5.1.02.02.01.0030", "Belanja Jasa Tenaga Ahli", D("150000000"), D("142500000")),
                        ("5.1.02.01.01.0055", "Belanja Bahan-Bahan Lainnya", D("3250000"), D("0")),
                    ]),
                ]),
            ]),
        ]),
    ]),
])


def flatten(node, depth=0, out=None):
    """Rows in table order: (depth, code, name, anggaran, realisasi, children_index_list)."""
    if out is None:
        out = []
    code, name, rest = node[0], node[1], node[2:]
    i = len(out)
    if isinstance(rest[0], list):
        out.append([depth, code, name, D(0), D(0), []])
        for ch in rest[0]:
            j = len(out)
            flatten(ch, depth + 1, out)
            out[i][5].append(j)
            out[i][3] += out[j][3]
            out[i][4] += out[j][4]
    else:
        out.append([depth, code, name, rest[0], rest[1], []])
    return out


SIPD_TITLE = [
    "PEMERINTAH KABUPATEN CONTOH",
    "LAPORAN REALISASI ANGGARAN PER SUB KEGIATAN",
    "DINAS KOMUNIKASI DAN INFORMATIKA KABUPATEN CONTOH",
    "TAHUN ANGGARAN 2024",
]
SIPD_HEAD = ["KODE REKENING", "URAIAN", "ANGGARAN (Rp)", "REALISASI (Rp)", "SISA ANGGARAN (Rp)", "%"]


def sipd_sheet(ws, rows, formulas=False, faults=None):
    """Writes the SIPD table from row 6; returns the first data row."""
    faults = faults or {}
    for i, t in enumerate(SIPD_TITLE, 1):
        ws.cell(i, 1, t).font = Font(bold=True)
    for j, h in enumerate(SIPD_HEAD, 1):
        ws.cell(6, j, h).font = Font(bold=True)
        ws.cell(7, j, j)  # the row of column numbers
    first = 8
    for k, (depth, code, name, ang, real, kids) in enumerate(rows):
        r = first + k
        ws.cell(r, 1, code)
        ws.cell(r, 2, name)
        if formulas and kids:
            refs = "+".join(f"C{first + j}" for j in kids)
            ws.cell(r, 3, f"=SUM({refs.replace('+', ',')})" if len(kids) > 1 else f"={refs}")
            ws.cell(r, 4, "=" + "+".join(f"D{first + j}" for j in kids))
            ws.cell(r, 5, f"=C{r}-D{r}")
            ws.cell(r, 6, f"=ROUND(D{r}/C{r}*100,2)" if k % 3 else f"=IF(C{r}=0,0,ROUND(D{r}/C{r}*100,2))")
        else:
            a, re_ = faults.get((r, "C"), ang), faults.get((r, "D"), real)
            ws.cell(r, 3, float(a) if a != a.to_integral() else int(a))
            ws.cell(r, 4, float(re_) if re_ != re_.to_integral() else int(re_))
            s = faults.get((r, "E"), ang - real)
            ws.cell(r, 5, float(s) if s != s.to_integral() else int(s))
            ws.cell(r, 6, float(faults.get((r, "F"), pct(real, ang))))
        if kids and depth < 4:
            ws.cell(r, 2).font = Font(bold=True)
    last = first + len(rows)
    ws.cell(last, 2, "JUMLAH")
    if formulas:
        ws.cell(last, 3, f"=C{first}")
        ws.cell(last, 4, f"=D{first}")
        ws.cell(last, 5, f"=C{last}-D{last}")
        ws.cell(last, 6, f"=ROUND(D{last}/C{last}*100,2)")
    else:
        ang, real = rows[0][3], rows[0][4]
        ws.cell(last, 3, float(ang) if ang != ang.to_integral() else int(ang))
        ws.cell(last, 4, float(real) if real != real.to_integral() else int(real))
        ws.cell(last, 5, float(ang - real))
        ws.cell(last, 6, float(pct(real, ang)))
    ws.cell(last + 2, 2, "Sumber: SIPD, dicetak 15 Januari 2025")
    ws.column_dimensions["A"].width = 20
    ws.column_dimensions["B"].width = 70
    for c in "CDE":
        ws.column_dimensions[c].width = 18
    for r in range(first, last + 1):
        for c in (3, 4, 5):
            ws.cell(r, c).number_format = "#,##0.00"
    return first


def save_sipd(path, formulas=False, faults=None):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Realisasi"
    sipd_sheet(ws, flatten(SIPD), formulas, faults)
    wb.properties.title = "Laporan Realisasi Anggaran 2024"
    wb.save(path)


# ---------------------------------------------------------------------------
# The seed's layout: NO / URAIAN / ANGGARAN merged over ANGGARAN,
# REALISASI, %; BTL and BL; programs numbered in the No column, kegiatan
# numbered inside the name cell; amounts typed as Indonesian text.

SEED = [
    ("BELANJA TIDAK LANGSUNG", [("Belanja Pegawai", D("3125450000.75"), D("2987654321.50"))]),
    ("BELANJA LANGSUNG", [
        ("Program Pelayanan Administrasi Perkantoran", [
            ("Penyediaan Jasa Surat Menyurat", D("12000000"), D("11250000")),
            ("Penyediaan Alat Tulis Kantor", D("45750000"), D("45750000")),
            ("Rapat-rapat Koordinasi dan Konsultasi", D("60000000"), D("41325500")),
        ]),
        ("Program Peningkatan Sarana dan Prasarana Aparatur", [
            ("Pemeliharaan Rutin/Berkala Gedung Kantor", D("85000000"), D("84125000")),
            ("Pengadaan Perlengkapan Gedung Kantor", D("30000000"), D("0")),
        ]),
        ("Program Peningkatan Ketahanan Pangan", [
            ("Pengembangan Lumbung Pangan Desa", D("250000000"), D("237500000")),
            ("Pemantauan dan Analisis Akses Harga Pangan", D("42500000"), D("39875250")),
            ("Penanganan Daerah Rawan Pangan", D("75000000"), D("71250000")),
        ]),
    ]),
]


def text_amount(d, i):
    """Amounts typed the ways people type them."""
    if d == 0:
        return "-"
    forms = [lambda: idr(d, 2 if d != d.to_integral() else 0),
             lambda: "Rp. " + idr(d) + ",-" if d == d.to_integral() else idr(d, 2),
             lambda: idr(d).replace(".", "\u00a0") if d == d.to_integral() else idr(d, 2),
             lambda: "\u200b" + idr(d, 2 if d != d.to_integral() else 0)]
    return forms[i % len(forms)]()


def save_seed(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Tabel 3.6"
    ws["A1"] = "DINAS KETAHANAN PANGAN KABUPATEN CONTOH"
    ws["A2"] = "Tabel 3.6"
    ws["A3"] = "Pagu Anggaran dan Realisasi Tahun Anggaran 2019"
    ws["A4"], ws["B4"], ws["C4"] = "NO", "URAIAN", "ANGGARAN"
    ws["C5"], ws["D5"], ws["E5"] = "ANGGARAN", "REALISASI", "%"
    for rng in ("A4:A5", "B4:B5", "C4:E4"):
        ws.merge_cells(rng)
    r, i = 6, 0
    grand_a = grand_r = D(0)
    for gi, (gname, items) in enumerate(SEED):
        ga = sum((x[1] if len(x) == 3 else sum(k[1] for k in x[1])) for x in items)
        gr = sum((x[2] if len(x) == 3 else sum(k[2] for k in x[1])) for x in items)
        grand_a += ga
        grand_r += gr
        ws.cell(r, 1, "AB"[gi])
        ws.cell(r, 2, gname)
        ws.cell(r, 3, text_amount(ga, i))
        ws.cell(r, 4, text_amount(gr, i + 1))
        ws.cell(r, 5, idr(pct(gr, ga), 2) + (" %" if gi == 0 else ""))
        r += 1
        for pi, item in enumerate(items):
            if len(item) == 3:
                name, a, re_ = item
                ws.cell(r, 2, name)
                ws.cell(r, 3, text_amount(a, i))
                ws.cell(r, 4, text_amount(re_, i + 2))
                ws.cell(r, 5, idr(pct(re_, a), 2) if a else "-")
                r += 1
                i += 1
                continue
            pname, kids = item
            pa, pr = sum(k[1] for k in kids), sum(k[2] for k in kids)
            ws.cell(r, 1, pi + 1)
            ws.cell(r, 2, pname)
            ws.cell(r, 3, text_amount(pa, i))
            ws.cell(r, 4, text_amount(pr, i + 1))
            ws.cell(r, 5, idr(pct(pr, pa), 2))
            r += 1
            for ki, (kname, a, re_) in enumerate(kids):
                ws.cell(r, 2, f"{ki + 1} {kname}")
                ws.cell(r, 3, text_amount(a, i))
                ws.cell(r, 4, text_amount(re_, i + 3))
                ws.cell(r, 5, idr(pct(re_, a), 2) if re_ else "-")
                r += 1
                i += 1
    ws.cell(r, 1, "JUMLAH (BL + BTL)")
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
    ws.cell(r, 3, idr(grand_a, 2))
    ws.cell(r, 4, idr(grand_r, 2))
    ws.cell(r, 5, idr(pct(grand_r, grand_a), 2))
    ws.cell(r + 2, 1, "Catatan: angka realisasi per 31 Desember 2019")
    wb.save(path)


# ---------------------------------------------------------------------------
# Permendagri 13/2006 codes: urusan.bidang.organisasi.program.kegiatan,
# account rows 5.2.2.01.01 under each kegiatan, BTL and BL sections.

P13 = [
    ("1.20.03.15", "Program Peningkatan Kapasitas Sumber Daya Aparatur", [
        ("1.20.03.15.01", "Pendidikan dan Pelatihan Formal", [
            ("5.2.2.01.01", "Belanja Alat Tulis Kantor", D("2500000"), D("2450000")),
            ("5.2.2.03.01", "Belanja Jasa Pelatihan", D("17500000"), D("17500000")),
        ]),
        ("1.20.03.15.02", "Sosialisasi Peraturan Perundang-undangan", [
            ("5.2.2.11.01", "Belanja Makanan dan Minuman Rapat", D("6300000"), D("5985000")),
        ]),
    ]),
    ("1.20.03.16", "Program Peningkatan Pengembangan Sistem Pelaporan Capaian Kinerja dan Keuangan", [
        ("1.20.03.16.01", "Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD", [
            ("5.2.2.06.01", "Belanja Cetak", D("3750000"), D("3612500")),
            ("5.2.2.11.01", "Belanja Makanan dan Minuman Rapat", D("4200000"), D("4200000")),
        ]),
    ]),
]


def save_p13(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "DPA"
    ws["A1"] = "REALISASI ANGGARAN BELANJA"
    ws["A2"] = "BADAN KEPEGAWAIAN DAERAH KOTA CONTOH"
    ws["A3"] = "TAHUN ANGGARAN 2016"
    heads = ["Kode Rekening", "Uraian", "Jumlah Anggaran", "Realisasi", "Persentase"]
    for j, h in enumerate(heads, 1):
        ws.cell(5, j, h)
        ws.cell(6, j, f"({j})")
    r = 7
    btl = [("5.1.1", "Belanja Pegawai", D("4123456789"), D("3987654321"))]
    bl_a = sum(acc[2] for p in P13 for k in p[2] for acc in k[2])
    bl_r = sum(acc[3] for p in P13 for k in p[2] for acc in k[2])

    def put(code, name, a, re_):
        nonlocal r
        ws.cell(r, 1, code)
        ws.cell(r, 2, name)
        ws.cell(r, 3, int(a))
        ws.cell(r, 4, int(re_))
        ws.cell(r, 5, float(pct(re_, a)))
        r += 1

    put("5.1", "BELANJA TIDAK LANGSUNG", btl[0][2], btl[0][3])
    put(*btl[0])
    put("5.2", "BELANJA LANGSUNG", bl_a, bl_r)
    for pcode, pname, kegs in P13:
        put(pcode, pname, sum(a[2] for k in kegs for a in k[2]), sum(a[3] for k in kegs for a in k[2]))
        for kcode, kname, accs in kegs:
            put(kcode, kname, sum(a[2] for a in accs), sum(a[3] for a in accs))
            for acc in accs:
                put(*acc)
    ws.cell(r, 2, "Jumlah Belanja")
    ws.cell(r, 3, int(btl[0][2] + bl_a))
    ws.cell(r, 4, int(btl[0][3] + bl_r))
    ws.cell(r, 5, float(pct(btl[0][3] + bl_r, btl[0][2] + bl_a)))
    wb.save(path)


# ---------------------------------------------------------------------------
# Numbering instead of codes: "1", "1.1", "1.1.1" in the No column, "a."
# inside names, words ("Program", "Kegiatan", "Sub Kegiatan"); the table
# on the second sheet under a long title, a subtotal row, and a hidden row
# and column.

NUMBERED = [
    ("1", "Program Pelayanan Kesehatan Masyarakat", [
        ("1.1", "Kegiatan Penyediaan Layanan Kesehatan Primer", [
            ("1.1.1", "Sub Kegiatan Operasional Pelayanan Puskesmas", D("350000000"), D("312450000")),
            ("1.1.2", "Sub Kegiatan Pengelolaan Pelayanan Kesehatan Ibu Hamil", D("125000000"), D("118750000")),
        ]),
        ("1.2", "Kegiatan Penyediaan Fasilitas Pelayanan Kesehatan", [
            ("1.2.1", "Sub Kegiatan Pengadaan Alat Kesehatan", D("780000000"), D("775250000")),
        ]),
    ]),
    ("2", "Program Sumber Daya Manusia Kesehatan", [
        ("2.1", "Kegiatan Peningkatan Kompetensi Tenaga Kesehatan", [
            ("2.1.1", "Sub Kegiatan Pelatihan Tenaga Kesehatan", D("64000000"), D("60125000")),
        ]),
    ]),
]


def save_numbered(path):
    wb = openpyxl.Workbook()
    info = wb.active
    info.title = "Keterangan"
    info["A1"] = "Lampiran LKjIP Dinas Kesehatan Kabupaten Contoh Tahun 2023"
    info["A3"] = "Lembar berikut memuat realisasi anggaran per sub kegiatan."
    ws = wb.create_sheet("Lampiran 2")
    ws["A1"] = "LAMPIRAN 2"
    ws["A2"] = "REALISASI ANGGARAN PER PROGRAM, KEGIATAN DAN SUB KEGIATAN"
    ws["A3"] = "DINAS KESEHATAN KABUPATEN CONTOH"
    ws["A4"] = "TAHUN 2023"
    for j, h in enumerate(["No.", "Program/Kegiatan/Sub Kegiatan", "Pagu", "Realisasi", "Persentase", "Keterangan"], 1):
        ws.cell(8, j, h)
    r = 9
    total_a = total_r = D(0)
    for pno, pname, kegs in NUMBERED:
        pa = sum(s[2] for k in kegs for s in k[2])
        pr = sum(s[3] for k in kegs for s in k[2])
        total_a += pa
        total_r += pr
        for vals in [(pno, pname, pa, pr)] + [x for k in kegs for x in
                                                [(k[0], k[1], sum(s[2] for s in k[2]), sum(s[3] for s in k[2]))] + list(k[2])]:
            ws.cell(r, 1, vals[0])
            ws.cell(r, 2, vals[1])
            ws.cell(r, 3, int(vals[2]))
            ws.cell(r, 4, int(vals[3]))
            ws.cell(r, 5, float(pct(vals[3], vals[2])))
            r += 1
    ws.row_dimensions[12].hidden = True  # a sub kegiatan row, hidden to tidy the printout
    ws.cell(10, 7, "bantu")
    ws.column_dimensions["G"].hidden = True
    ws.cell(r, 1, "TOTAL")
    ws.cell(r, 3, int(total_a))
    ws.cell(r, 4, int(total_r))
    ws.cell(r, 5, float(pct(total_r, total_a)))
    ws.cell(r + 2, 1, "Keterangan: pagu setelah perubahan")
    wb.save(path)


# ---------------------------------------------------------------------------
# Two tables on one sheet (the DPA summary and the Perjanjian Kinerja),
# and the capaian table on another.

def save_two_tables(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Bab III"
    ws["A1"] = "Tabel 3.1 Realisasi Anggaran Dinas Pertanian Kabupaten Contoh Tahun 2022"
    for j, h in enumerate(["No", "Program", "Anggaran", "Realisasi", "%"], 1):
        ws.cell(2, j, h)
    progs = [("Program Penyuluhan Pertanian", D("450000000"), D("427500000")),
             ("Program Penyediaan dan Pengembangan Sarana Pertanian", D("1250000000"), D("1187650000")),
             ("Program Pengendalian dan Penanggulangan Bencana Pertanian", D("95000000"), D("90250000"))]
    for i, (n, a, re_) in enumerate(progs):
        ws.cell(3 + i, 1, i + 1)
        ws.cell(3 + i, 2, n)
        ws.cell(3 + i, 3, int(a))
        ws.cell(3 + i, 4, int(re_))
        ws.cell(3 + i, 5, float(pct(re_, a)))
    ta, tr = sum(p[1] for p in progs), sum(p[2] for p in progs)
    ws.cell(6, 2, "Jumlah")
    ws.cell(6, 3, int(ta))
    ws.cell(6, 4, int(tr))
    ws.cell(6, 5, float(pct(tr, ta)))
    ws["A9"] = "Tabel 2.3 Perjanjian Kinerja Tahun 2022"
    for j, h in enumerate(["No", "Sasaran", "Indikator Kinerja", "Program", "Anggaran"], 1):
        ws.cell(10, j, h)
    ws.cell(11, 1, 1)
    ws.cell(11, 2, "Meningkatnya produksi pertanian")
    ws.cell(11, 3, "Persentase kenaikan produksi padi")
    for i, (n, a, _) in enumerate(progs):
        ws.cell(11 + i, 4, n)
        ws.cell(11 + i, 5, idr(a))
    ws.merge_cells("B11:B13")
    ws.merge_cells("C11:C13")
    cap = wb.create_sheet("Capaian")
    cap["A1"] = "Tabel 3.2 Capaian Kinerja"
    for j, h in enumerate(["No", "Sasaran", "Indikator Kinerja", "Target", "Realisasi", "Capaian (%)"], 1):
        cap.cell(2, j, h)
    rows = [("Meningkatnya produksi pertanian", "Persentase kenaikan produksi padi", "5", "4,5", "90,00"),
            ("", "Jumlah kelompok tani yang dibina", "120", "126", "105,00")]
    for i, row in enumerate(rows):
        cap.cell(3 + i, 1, i + 1)
        for j, v in enumerate(row, 2):
            if v:
                cap.cell(3 + i, j, v)
    wb.save(path)


# ---------------------------------------------------------------------------
# Performance documents: Pohon Kinerja, Perjanjian Kinerja, capaian over
# two years. Converted to .ods by LibreOffice and .xlsx by Gnumeric.

def save_kinerja(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Cascading"
    ws["A1"] = "POHON KINERJA DINAS PERHUBUNGAN KABUPATEN CONTOH TAHUN 2021"
    heads = ["Tujuan", "Indikator Tujuan", "Sasaran", "Indikator Sasaran", "Formula", "Program", "Indikator Program", "Kegiatan", "Indikator Kegiatan"]
    for j, h in enumerate(heads, 1):
        ws.cell(3, j, h)
    data = [
        ["Meningkatnya kualitas layanan perhubungan", "Indeks kepuasan layanan perhubungan",
         "Meningkatnya keselamatan lalu lintas", "Persentase penurunan kecelakaan", "(n-1 - n) / (n-1) x 100%",
         "Program Penyelenggaraan Lalu Lintas dan Angkutan Jalan", "Persentase fasilitas perlengkapan jalan yang terpasang",
         "Penyediaan Perlengkapan Jalan", "Jumlah rambu yang terpasang"],
        ["", "", "", "", "", "", "", "Pengujian Berkala Kendaraan Bermotor", "Jumlah kendaraan yang diuji"],
        ["", "", "", "", "", "Program Pengelolaan Perparkiran", "Persentase titik parkir tertib",
         "Penataan Titik Parkir", "Jumlah titik parkir yang ditata"],
    ]
    for i, row in enumerate(data):
        for j, v in enumerate(row, 1):
            if v:
                ws.cell(4 + i, j, v)
    for col in "ABCDE":
        ws.merge_cells(f"{col}4:{col}6")
    for col in "FG":
        ws.merge_cells(f"{col}4:{col}5")
    pk = wb.create_sheet("PK")
    pk["A1"] = "PERJANJIAN KINERJA TAHUN 2021"
    for j, h in enumerate(["No", "Sasaran Strategis", "Indikator Kinerja", "Target", "Program", "Anggaran (Rp)"], 1):
        pk.cell(3, j, h)
    pk.cell(4, 1, 1)
    pk.cell(4, 2, "Meningkatnya keselamatan lalu lintas")
    pk.cell(4, 3, "Persentase penurunan kecelakaan")
    pk.cell(4, 4, "10 %")
    pk.cell(4, 5, "Program Penyelenggaraan Lalu Lintas dan Angkutan Jalan")
    pk.cell(4, 6, 875000000)
    pk.cell(5, 5, "Program Pengelolaan Perparkiran")
    pk.cell(5, 6, 125500000)
    pk.cell(6, 5, "JUMLAH")
    pk.cell(6, 6, 1000500000)
    cap = wb.create_sheet("Capaian")
    cap["A1"] = "Tabel 3.3 Perbandingan Realisasi Kinerja"
    cap["A3"], cap["B3"], cap["C3"], cap["D3"], cap["F3"] = "No", "Indikator Kinerja", "Target 2021", "Realisasi", "Capaian"
    cap["D4"], cap["E4"] = "2020", "2021"
    for rng in ("A3:A4", "B3:B4", "C3:C4", "D3:E3", "F3:F4"):
        cap.merge_cells(rng)
    cap["A5"], cap["B5"], cap["C5"], cap["D5"], cap["E5"], cap["F5"] = 1, "Persentase penurunan kecelakaan", 10, 6.5, 8.25, 82.5
    wb.save(path)


# ---------------------------------------------------------------------------
# Planted faults, on the SIPD table (values, not formulas). Each fault is
# typed so that exactly one finding of its rule lands on one cell: a wrong
# figure that totals carry upward is consistent one level at a time
# everywhere except where it was typed.

FAULTS = {  # rule: (code, column, what the test expects there)
    "total-mismatch": ("2.16.02", "C"),
    "percent-mismatch": ("2.16.01.2.01.0006", "F"),
    "sisa-mismatch": ("5.1.02.02.01.0063", "E"),
    "over-realization": ("5.1.02.02.01.0030", "D"),
}


def save_faults(path):
    rows = flatten(SIPD)
    first = 8
    parent = {}
    for i, x in enumerate(rows):
        for j in x[5]:
            parent[j] = i

    def row_of(code):
        return next(i for i, x in enumerate(rows) if x[1] == code)

    def carry_up(i, col, delta):
        """Adds delta to row i's typed figure and every total above it."""
        while True:
            i = parent.get(i)
            if i is None:
                return
            rows[i][col] += delta

    # total-mismatch: program 2.16.02's anggaran typed 10 000 000 above its
    # kegiatan; every total above carries the typed figure.
    i = row_of("2.16.02")
    rows[i][3] += D("10000000")
    carry_up(i, 3, D("10000000"))
    # over-realization: the Tenaga Ahli account spent 160 000 000 of 150 000 000.
    i = row_of("5.1.02.02.01.0030")
    rows[i][4] += D("17500000")
    carry_up(i, 4, D("17500000"))
    faults = {}
    # percent-mismatch: a sub-kegiatan's % typed 0,50 too high.
    i = row_of("2.16.01.2.01.0006")
    faults[(first + i, "F")] = pct(rows[i][4], rows[i][3]) + D("0.50")
    # sisa-mismatch: an account's sisa typed 1 000 000 too high.
    i = row_of("5.1.02.02.01.0063")
    faults[(first + i, "E")] = rows[i][3] - rows[i][4] + D("1000000")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Realisasi"
    sipd_sheet(ws, rows, False, faults)
    wb.save(path)


# ---------------------------------------------------------------------------
# Text files: CSV in two dialects, HTML tables as web systems export them.

def sipd_text_rows():
    rows = flatten(SIPD)
    out = []
    for depth, code, name, a, re_, _ in rows:
        out.append([code, name, a, re_, a - re_, pct(re_, a)])
    a, re_ = rows[0][3], rows[0][4]
    out.append(["", "JUMLAH", a, re_, a - re_, pct(re_, a)])
    return out


def save_csv_semicolon(path):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\r\n")
        w.writerow(["LAPORAN REALISASI ANGGARAN PER SUB KEGIATAN", "", "", "", "", ""])
        w.writerow(["DINAS KOMUNIKASI DAN INFORMATIKA KABUPATEN CONTOH", "", "", "", "", ""])
        w.writerow(["TAHUN ANGGARAN 2024", "", "", "", "", ""])
        w.writerow([])
        w.writerow(SIPD_HEAD)
        for code, name, a, re_, s, p in sipd_text_rows():
            w.writerow([code, name, idr(a, 2), idr(re_, 2), idr(s, 2), idr(p, 2)])


def save_csv_comma(path):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=",", lineterminator="\n")
    w.writerow(["Kode", "Uraian", "Pagu", "Realisasi", "Persentase"])
    for code, name, a, re_, s, p in sipd_text_rows():
        w.writerow([code, name, idr(a, 2), idr(re_, 2), idr(p, 2) + "%"])
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        f.write(buf.getvalue())


def save_html_export(path):
    rows = sipd_text_rows()
    h = ["<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">",
         "<title>Realisasi Anggaran</title><style>td{mso-number-format:\"\\@\"}</style></head><body>",
         "<h3>LAPORAN REALISASI ANGGARAN PER SUB KEGIATAN</h3>",
         "<p>DINAS KOMUNIKASI DAN INFORMATIKA KABUPATEN CONTOH<br>TAHUN ANGGARAN 2024</p>",
         "<table border=1>",
         "<tr><th rowspan=2>KODE</th><th rowspan=2>URAIAN</th><th colspan=3>ANGGARAN</th><th rowspan=2>SISA</th></tr>",
         "<tr><th>PAGU</th><th>REALISASI</th><th>%</th></tr>"]
    for i, (code, name, a, re_, s, p) in enumerate(rows):
        style = " style=\"display:none\"" if code == "2.16.01.2.02" else ""
        h.append(f"<tr{style}><td>{code}</td><td>{name.replace('&', '&amp;')}</td><td align=right>{idr(a, 2)}</td>"
                 f"<td align=right>{idr(re_, 2)}</td><td>{idr(p, 2)}</td><td>{idr(s, 2)}")
    h.append("</table><p>Dicetak dari aplikasi, 15/01/2025</p></body></html>")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(h))


def save_html_excel(path):
    """Excel's own HTML: x:num values and an x:fmla total."""
    progs = [("1", "Program Pelayanan Administrasi Perkantoran", D("215750000"), D("198436250.5")),
             ("2", "Program Peningkatan Disiplin Aparatur", D("48500000"), D("47125000")),
             ("3", "Program Pembinaan dan Pengembangan Sumber Daya Manusia", D("127000000"), D("101600000"))]
    h = ["<html xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:x=\"urn:schemas-microsoft-com:office:excel\">",
         "<head><meta charset=\"windows-1252\"><!--[if gte mso 9]><xml><x:ExcelWorkbook><x:ExcelWorksheets><x:ExcelWorksheet>",
         "<x:Name>Realisasi 2021</x:Name></x:ExcelWorksheet></x:ExcelWorksheets></x:ExcelWorkbook></xml><![endif]--></head><body>",
         "<table>",
         "<tr><td colspan=5>SEKRETARIAT DPRD KABUPATEN CONTOH</td></tr>",
         "<tr><td colspan=5>Realisasi Anggaran Tahun 2021</td></tr>",
         "<tr></tr>",
         "<tr><td>No</td><td>Program</td><td>Anggaran</td><td>Realisasi</td><td>Persen</td></tr>"]
    for no, name, a, re_ in progs:
        h.append(f"<tr><td x:num>{no}</td><td>{name}</td><td x:num=\"{a}\">{idr(a)}</td>"
                 f"<td x:num=\"{re_}\">{idr(re_, 2)}</td><td x:num=\"{(re_ / a).quantize(D('0.0001'), rounding=ROUND_HALF_UP)}\">"
                 f"{idr(pct(re_, a), 2)}%</td></tr>")
    ta, tr = sum(p[2] for p in progs), sum(p[3] for p in progs)
    h.append(f"<tr><td></td><td>Jumlah</td><td x:num=\"{ta}\" x:fmla=\"=SUM(C5:C7)\">{idr(ta)}</td>"
             f"<td x:num=\"{tr}\" x:fmla=\"=SUM(D5:D7)\">{idr(tr, 2)}</td><td x:num=\"{(tr / ta).quantize(D('0.0001'), rounding=ROUND_HALF_UP)}\">{idr(pct(tr, ta), 2)}%</td></tr>")
    h.append("</table></body></html>")
    with open(path, "w", encoding="cp1252") as f:
        f.write("\n".join(h))


if __name__ == "__main__":
    save_sipd("sipd.xlsx")
    save_sipd("sipd-formulas.xlsx", formulas=True)
    save_seed("seed-text.xlsx")
    save_p13("permendagri13.xlsx")
    save_numbered("numbering.xlsx")
    save_two_tables("two-tables.xlsx")
    save_kinerja("kinerja.xlsx")
    save_faults("faults.xlsx")
    save_csv_semicolon("realisasi-semicolon.csv")
    save_csv_comma("realisasi-comma.csv")
    save_html_export("export-web.xls")
    save_html_excel("excel-web.xls")
