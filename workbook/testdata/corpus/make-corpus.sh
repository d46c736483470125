#!/usr/bin/env bash
# Rebuilds the reader's test corpus. Needs python3-openpyxl, LibreOffice
# (libreoffice-calc-nogui) and Gnumeric (ssconvert); the tests need none of
# them: they read the committed files. After running, regenerate the golden
# models with: go test ./workbook -run TestCorpus -update
set -euo pipefail
cd "$(dirname "$0")"

/usr/bin/python3 make_corpus.py

# LibreOffice with a throw-away profile that recalculates every formula on
# load (its default keeps the stored results, and openpyxl stores none).
profile=$(mktemp -d)
trap 'rm -rf "$profile" "$out"' EXIT
mkdir -p "$profile/user"
cat > "$profile/user/registrymodifications.xcu" <<'XCU'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
XCU
out=$(mktemp -d)
lo() { # lo SRC FILTER EXT DEST
  soffice -env:UserInstallation="file://$profile" --headless --convert-to "$3:$2" --outdir "$out" "$1" >/dev/null
  mv "$out/$(basename "${1%.*}").$3" "$4"
}
lo sipd-formulas.xlsx "Calc MS Excel 2007 XML" xlsx sipd-formulas-lo.xlsx
lo sipd-formulas.xlsx "calc8" ods sipd.ods
lo sipd.xlsx "MS Excel 97" xls sipd.xls
lo seed-text.xlsx "MS Excel 97" xls seed-text.xls
lo faults.xlsx "MS Excel 97" xls faults.xls
lo faults.xlsx "calc8" ods faults.ods
lo kinerja.xlsx "calc8" ods kinerja.ods

# Gnumeric writes its own BIFF8, OOXML and ODF.
ssconvert --export-type=Gnumeric_Excel:excel_biff8 sipd.xlsx sipd-gnumeric.xls 2>/dev/null
ssconvert --export-type=Gnumeric_Excel:xlsx2 kinerja.xlsx kinerja-gnumeric.xlsx 2>/dev/null
ssconvert --export-type=Gnumeric_OpenCalc:odf numbering.xlsx numbering-gnumeric.ods 2>/dev/null

# An .ods whose formulas lost their stored results, as some generators write.
/usr/bin/python3 - <<'PY'
import re, zipfile
src, dst = "sipd.ods", "sipd-nocache.ods"
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
    for item in zin.infolist():
        data = zin.read(item.filename)
        if item.filename == "content.xml":
            text = data.decode("utf-8")
            def strip(m):
                cell = m.group(0)
                if "table:formula=" not in cell:
                    return cell
                return re.sub(r' office:value="[^"]*"', "", cell)
            text = re.sub(r"<table:table-cell [^>]*>", strip, text)
            data = text.encode("utf-8")
        zout.writestr(item, data, compress_type=zipfile.ZIP_STORED if item.filename == "mimetype" else zipfile.ZIP_DEFLATED)
PY
echo "corpus written"
