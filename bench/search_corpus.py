"""The search benchmarks' corpus: the real procedures (and generated variants) as live pages.

Uses the catalogue's own demo loader when it exists (`procedures.demo`); otherwise creates
ProcedurePage rows from procedures.json directly, as plainly as an import would. Shared by
bench/search_quality.py, bench/search_latency.py and the search tests.
"""

import json
import random
from pathlib import Path

# Name endings that turn a real procedure into a plausible variant when a corpus is padded.
VARIANT_SUFFIXES = [
    "(thực hiện tại Bộ phận một cửa)",
    "(áp dụng tại Trung tâm phục vụ hành chính công)",
    "(trường hợp nộp hồ sơ qua dịch vụ bưu chính)",
    "(thực hiện liên thông)",
    "(áp dụng cho đơn vị hành chính cấp xã)",
]

DATA = Path(__file__).resolve().parents[1] / "procedures" / "demo_data" / "procedures.json"
SHARED_DATA = Path("/work/shared/data/procedures.json")


def records():
    path = DATA if DATA.exists() else SHARED_DATA
    return json.loads(path.read_text(encoding="utf-8"))


def _reference(model, name, cache):
    name = (name or "").strip()
    if not name:
        return None
    key = (model, name)
    if key not in cache:
        cache[key] = model.objects.filter(name=name).first() or model.objects.create(name=name)
    return cache[key]


def catalogue_root():
    from home.models import HomePage
    from procedures.factories import ProcedureIndexPageFactory
    from procedures.models import ProcedureIndexPage

    index = ProcedureIndexPage.objects.first()
    if index is None:
        home = HomePage.objects.first()
        index = ProcedureIndexPageFactory(parent=home)
    return index


def procedure_page(record, cache, *, code=None, name=None):
    """An unsaved ProcedurePage for one record of procedures.json."""
    from procedures.factories import ProcedurePageFactory
    from procedures.models import Agency, ProcedureField, ProcedureLevel
    from procedures.models.pages import derive_title, procedure_slug

    code = code or record["code"]
    name = " ".join((name or record["name"]).split())
    channels = [
        {
            "type": "channel",
            "value": {
                "method": _method(c.get("method")),
                "deadline": c.get("time", ""),
                "fee": c.get("fee", ""),
            },
        }
        for c in record.get("submission", [])
    ]
    return ProcedurePageFactory.build(
        title=derive_title(name),
        slug=procedure_slug(code, name),
        code=code,
        code_local=record.get("code_local", "") if code == record["code"] else "",
        official_name=name,
        procedure_type=record.get("procedure_type", "")[:255],
        field=_reference(ProcedureField, record.get("field") or "Khác", cache),
        level=_reference(ProcedureLevel, record.get("level") or "Cấp xã", cache),
        implementing_agency=_reference(Agency, (record.get("agency") or "")[:255], cache),
        steps=[{"type": "step", "value": {"title": "", "description": s}} for s in record.get("steps", [])],
        channels=channels,
        dossier=[
            {
                "type": "case",
                "value": {"case_name": "", "items": [{"name": d} for d in record.get("documents", [])]},
            }
        ]
        if record.get("documents")
        else [],
        deadline=record.get("deadline", ""),
        fee=record.get("fee", ""),
        fee_note=record.get("fee_note", ""),
        subjects=record.get("subjects", ""),
        result="\n".join(record.get("result", [])),
        conditions=record.get("conditions", ""),
        legal_basis=[{"type": "document", "value": {"title": t}} for t in record.get("legal_basis", [])],
        source_url=(record.get("url") or "")[:1000],
    )


def _method(label):
    label = (label or "").lower()
    if "tuyến" in label:
        return "truc_tuyen"
    if "bưu" in label:
        return "buu_chinh"
    return "truc_tiep"


def load_procedures(limit=None, variants_to=None, seed=7, log=print):
    """Create live procedure pages from the real data; optionally pad with variants up to `variants_to`.

    Variants reuse a real record under a derived code and a name with a realistic local suffix, so the
    vocabulary stays Vietnamese while the index grows to the size of a real catalogue.
    """
    from procedures.models import ProcedurePage

    try:  # the catalogue's own demo loader, when it has landed
        import procedures.demo  # noqa: F401

        has_demo = True
    except ModuleNotFoundError:
        has_demo = False
    data = records()[:limit] if limit else records()
    index = catalogue_root()
    existing = set(ProcedurePage.objects.values_list("code", flat=True))
    cache = {}
    created = 0
    for record in data:
        if record["code"] in existing:
            continue
        index.add_child(instance=procedure_page(record, cache))
        created += 1
        if created % 100 == 0:
            log(f"  {created} thủ tục")
    if variants_to:
        rng = random.Random(seed)
        suffixes = VARIANT_SUFFIXES
        total = ProcedurePage.objects.count()
        n = 0
        while total < variants_to:
            record = rng.choice(data)
            n += 1
            code = f"9.{900000 + n:06d}"
            if code in existing:
                continue
            name = f"{record['name']} {rng.choice(suffixes)}"
            index.add_child(instance=procedure_page(record, cache, code=code, name=name))
            total += 1
            if total % 200 == 0:
                log(f"  {total} thủ tục (có biến thể)")
    return created, has_demo
