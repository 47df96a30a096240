"""The kecamatan report (jejaring.report): its sections, its figures, escaping, personal data,
the PDF, and the findings read off a network small enough to check by hand.

The network (Kecamatan Bangun Rejo, 18.02.02), seen on 30 June 2024::

    Purwodadi A (tertinggal; needs water)  ══partnership══  Sido Dadi B (maju; offers water)
      kades Budi Santoso (phone, e-mail)                      kades Siti Aminah
      note: <script>…                                         note: "Hubungi Pak Budi Santoso, 0812 1111 2222, …"
      Pemerintah Desa, BPD (contact Joko Widodo, phone), PKK
      "<script>… Tani" (an NGO) ──support──► A
    Sido Rejo C: no tie at all
    Meetings: one rapat koordinasi in A on 2 May 2024 (Q2), hosted by its government, the BPD present.

So in Q2 2024 Sido Dadi and Sido Rejo held no coordination meeting; Sido Rejo alone cooperates
with no other village; no village has a firm, a university or a government partner.
"""

from __future__ import annotations

import base64
import re
from datetime import date
from html.parser import HTMLParser

import pytest

import jejaring as jj
from jejaring.errors import JejaringError
from jejaring.i18n import use_lang
from jejaring.model import Institution, Meeting, Ngo, Tie, Village, VillageHead
from jejaring.network import Network
from jejaring.report import FORMATS, build, render, write
from jejaring.report.findings import findings, names, number
from jejaring.report.privacy import public_network
from jejaring.report.sections import SECTIONS

pytest.importorskip("reportlab")
pytest.importorskip("matplotlib")

KEC = "18.02.02"
A, B, C = f"{KEC}.2001", f"{KEC}.2002", f"{KEC}.2003"
DAY = date(2024, 6, 30)
SCRIPT_NOTE = "<script>alert('catatan')</script> sumur kering"
SCRIPT_NAME = "<script>alert('lsm')</script> Tani"
MENTION = "Hubungi Pak Budi Santoso, 0812 1111 2222, soal air."
PERSONAL = ("Budi Santoso", "Siti Aminah", "0812-1111-2222", "budi.santoso@desa.id", "Joko Widodo", "0813-3333-4444")


@pytest.fixture(scope="module")
def net() -> Network:
    actors = [
        Village(code=A, name="Purwodadi", needs=["air"], sectors=["pertanian"], development_status="tertinggal",
                notes=SCRIPT_NOTE),
        Village(code=B, name="Sido Dadi", offers=["air"], sectors=["pertanian"], development_status="maju",
                notes=MENTION),
        Village(code=C, name="Sido Rejo"),
        VillageHead(id="kades-a", name="Budi Santoso", village=A, phone="0812-1111-2222",
                    email="budi.santoso@desa.id"),
        VillageHead(id="kades-b", name="Siti Aminah", village=B),
        Institution(id="pemdes-a", name="Pemerintah Desa Purwodadi", village=A, type="pemerintah desa"),
        Institution(id="bpd-a", name="BPD Purwodadi", village=A, type="bpd", contact_person="Joko Widodo",
                    phone="0813-3333-4444"),
        Institution(id="pkk-a", name="PKK Purwodadi", village=A, type="pkk"),
        Ngo(id="lsm", name=SCRIPT_NAME, area="18.02"),
    ]
    ties = [
        Tie(kind="partnership", source=A, target=B, since="2024-01-01"),
        Tie(kind="support", source="lsm", target=A, since="2024-01-01"),
        Tie(kind="leadership", source="kades-a", target=A),
        Tie(kind="leadership", source="kades-b", target=B),
    ]
    meetings = [Meeting(id="rakor-a", type="rakor", date="2024-05-02", village=A, host="pemdes-a",
                        attendees=["bpd-a"])]
    return Network(actors, ties, meetings, area=KEC).at(DAY)


@pytest.fixture(scope="module")
def doc_id(net):
    return build(net, lang="id")


@pytest.fixture(scope="module")
def html_id(doc_id) -> str:
    return render(doc_id, "html").decode("utf-8")


@pytest.fixture(scope="module")
def pdf_id(doc_id) -> bytes:
    return render(doc_id, "pdf")


@pytest.fixture(scope="module")
def doc_contacts(net):
    return build(net, lang="en", include_contacts=True)


def pdf_text(data: bytes) -> str:
    import io

    pypdf = pytest.importorskip("pypdf")
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


class Page(HTMLParser):
    """What the HTML asks a browser to fetch, its section ids and headings, and its text."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.sources, self.ids, self.h2, self.text, self.tags = [], [], [], [], set()
        self._in_h2 = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.add(tag)
        self.sources += [attrs[k] for k in ("src", "href") if k in attrs and not attrs[k].startswith("#")]
        if tag == "section":
            self.ids.append(attrs["id"])
        self._in_h2 = tag == "h2"

    def handle_endtag(self, tag):
        self._in_h2 = False

    def handle_data(self, data):
        self.text.append(data)
        if self._in_h2:
            self.h2.append(data)


# The document ------------------------------------------------------------------------------


def test_the_document_has_every_section_in_order(doc_id, doc_contacts):
    assert [s.id for s in doc_id.sections] == list(SECTIONS)
    assert [s.id for s in doc_contacts.sections] == [*SECTIONS, "kontak"]
    assert doc_id.subtitle == "Kecamatan Bangun Rejo, Kabupaten Lampung Tengah, Lampung"


def test_figures_are_the_map_heatmap_quarters_suggestions_and_plan(doc_id):
    """Each figure is where it belongs, as a PNG."""
    by_section = {s.id: [b for b in s.blocks if type(b).__name__ == "Figure"] for s in doc_id.sections}
    assert len(by_section["jejaring"]) == 1
    assert len(by_section["kesenjangan"]) == 1
    assert len(by_section["koordinasi"]) == 1
    assert len(by_section["rencana"]) == 1
    assert by_section["saran"]  # one per village that has suggestions
    assert all(f.png.startswith(b"\x89PNG\r\n\x1a\n") for f in doc_id.figures())


def test_summary_counts_the_small_network(doc_id):
    facts = next(b for b in doc_id.section("ringkasan").blocks if type(b).__name__ == "Facts")
    values = [value for _, value, _ in facts.items]
    labels = [label for label, _, _ in facts.items]
    # villages, actors, ties in force, meetings on record, meetings in Q2 2024, then the gaps by severity
    assert values[:5] == ["3", "9", "4", "1", "1"]
    assert labels[4] == "rapat pada Triwulan II 2024"
    assert [level for _, _, level in facts.items][5:] == ["high", "medium", "low"]


def test_findings_read_off_the_small_network(net):
    from jejaring.analysis.coordination import coordination
    from jejaring.analysis.gaps import gaps
    from jejaring.analysis.plan import plan
    from jejaring.analysis.structure import structure

    shown = public_network(net, lang="en")
    report_ = gaps(shown)
    found = findings(report_, coordination(shown, quarter=report_.quarter), structure(shown), plan(shown),
                     lang="en")
    assert found[:3] == [
        "2 of 3 villages held no coordination meeting with their institutions in Q2 2024: Sido Dadi, Sido Rejo.",
        "1 of 3 villages take part in no cooperation with another village: Sido Rejo.",
        "None of the 3 villages works with a firm yet.",
    ]
    assert 3 <= len(found) <= 5


def test_numbers_and_lists_as_people_write_them():
    assert number(58.5, "id") == "58,5" and number(73.75, "en") == "73.75" and number(4.0, "id") == "4"
    assert names(list("ABCDEFG"), "id") == "A, B, C, D, E, dan 2 lainnya"
    assert names(list("ABCDEF"), "en") == "A, B, C, D, E, F"


# HTML --------------------------------------------------------------------------------------


def test_html_holds_each_section_by_id_and_heading(html_id, doc_id):
    page = Page(html_id)
    assert page.ids == list(SECTIONS)
    assert page.h2 == [s.title for s in doc_id.sections]
    assert page.h2[:3] == ["Ringkasan", "Peta jejaring", "Kesenjangan kerja sama"]
    assert '<html lang="id">' in html_id


def test_html_is_self_contained_with_embedded_png_figures(html_id, doc_id):
    page = Page(html_id)
    images = re.findall(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)"', html_id)
    assert len(images) == len(doc_id.figures()) >= 5
    assert all(base64.b64decode(data).startswith(b"\x89PNG") for data in images)
    assert all(source.startswith("data:image/png;base64,") for source in page.sources)
    assert not {"script", "link", "iframe", "object"} & page.tags
    assert "url(" not in html_id and "@import" not in html_id and "://" not in html_id.replace(
        "http://www.w3.org", "")


def test_user_strings_are_escaped(html_id):
    assert "<script>" not in html_id
    assert "&lt;script&gt;alert(&#x27;catatan&#x27;)&lt;/script&gt; sumur kering" in html_id  # the village note
    assert "&lt;script&gt;alert(&#x27;lsm&#x27;)&lt;/script&gt; Tani" in html_id  # the NGO's name


def test_personal_data_is_left_out_by_default(html_id):
    page_text = "".join(Page(html_id).text)
    for value in (*PERSONAL, "0812 1111 2222"):
        assert value not in html_id, value
    assert "Kades Purwodadi" in page_text
    assert "Hubungi Pak [data pribadi], [data pribadi], soal air." in page_text  # the note's mentions masked
    assert "Data pribadi tidak dicantumkan" in page_text


def test_personal_data_is_shown_when_asked_for(doc_contacts):
    html = render(doc_contacts, "html").decode("utf-8")
    for value in (*PERSONAL, MENTION):
        assert value in html, value
    contacts = doc_contacts.section("kontak").blocks[1]
    rows = {row[0]: row for row in contacts.rows}
    assert rows["Budi Santoso"][3:] == ("", "0812-1111-2222", "budi.santoso@desa.id")
    assert rows["BPD Purwodadi"][3:] == ("Joko Widodo", "0813-3333-4444", "")
    assert "PKK Purwodadi" not in rows  # nothing personal recorded


def test_english_report_has_english_headings(doc_contacts):
    assert [s.title for s in doc_contacts.sections][:2] == ["Summary", "The network map"]


# PDF ---------------------------------------------------------------------------------------


def test_pdf_opens_with_pages_headings_figures_and_page_numbers(pdf_id, doc_id):
    pypdf = pytest.importorskip("pypdf")
    import io

    assert pdf_id.startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(pdf_id))
    pages = len(reader.pages)
    assert pages >= 3
    assert [item.title for item in reader.outline] == [s.title for s in doc_id.sections]
    assert sum(len(page.images) for page in reader.pages) == len(doc_id.figures())
    text = pdf_text(pdf_id)
    for section in doc_id.sections:
        assert section.title in text
    assert f"Halaman 1 dari {pages}" in text and f"Halaman {pages} dari {pages}" in text
    assert round(float(reader.pages[0].mediabox.width)) == 595  # A4


def test_pdf_sets_characters_beyond_latin_1(pdf_id):
    assert "Purwodadi ↔ " in pdf_text(pdf_id)  # the plan's ties


def test_pdf_leaves_out_personal_data_by_default_and_shows_it_when_asked(pdf_id, doc_contacts):
    hidden = re.sub(r"\s", "", pdf_text(pdf_id))
    shown = re.sub(r"\s", "", pdf_text(render(doc_contacts, "pdf")))
    for value in PERSONAL:
        compact = re.sub(r"\s", "", value)
        assert compact not in hidden, value
        assert compact in shown, value
    assert "<script>alert('lsm')</script>Tani" in hidden  # set as text, not read as markup


# Writing the file --------------------------------------------------------------------------


def test_report_writes_html_or_pdf_by_suffix(net, tmp_path):
    html = write(net, tmp_path / "laporan.html")
    pdf = write(net, tmp_path / "laporan.pdf", lang="en")
    assert html.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["laporan.html", "laporan.pdf"]  # no staging left
    assert set(FORMATS.values()) == {"html", "pdf"}


def test_report_refuses_an_unknown_suffix_or_folder(net, tmp_path):
    with use_lang("en"):
        with pytest.raises(JejaringError) as error:
            write(net, tmp_path / "laporan.docx")
        assert "laporan.docx" in str(error.value) and ".pdf" in str(error.value)
        with pytest.raises(JejaringError, match="does not exist"):
            write(net, tmp_path / "missing" / "laporan.html")
    assert list(tmp_path.iterdir()) == []


def test_the_report_is_written_from_the_top_level_api(net, tmp_path):
    assert jj.report.write(net, tmp_path / "a.html").exists()


def test_report_of_a_workspace_uses_its_kecamatan(tmp_path):
    from jejaring.store import Batch

    village = Village(code=A, name="Purwodadi", needs=["air"])
    supplier = Ngo(id="lsm-air", name="LSM Air", area="18.02", offers=["air"])
    with jj.init(tmp_path / "ws", kecamatan=KEC, templates=False, batch=Batch(actors=[village, supplier])) as ws:
        path = write(ws, tmp_path / "laporan.html", lang="en", at=DAY)
    html = path.read_text("utf-8")
    assert "Kecamatan Bangun Rejo" in html
    assert "Purwodadi ↔ LSM Air (NGO)" in html  # the plan proposes the workspace's organisation


# Privacy -----------------------------------------------------------------------------------


def test_public_network_names_kades_by_office_in_dated_and_undated_views(net):
    shown = public_network(net, lang="id")
    for view in (shown, shown.undated()):
        assert view.actors["kades-a"].name == "Kades Purwodadi"
        assert view.actors[B].notes == "Hubungi Pak [data pribadi], [data pribadi], soal air."
        assert view.actors["kades-a"].phone is None and view.actors["bpd-a"].contact_person is None
    assert (shown.start, shown.end, shown.area) == (net.start, net.end, net.area)
    assert [t.id for t in shown.ties] == [t.id for t in net.ties]
    assert shown.meetings == net.meetings
