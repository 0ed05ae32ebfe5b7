"""Demo desks: the city's one-stop desk and one per ward or commune, each posting commune-level procedures."""

from procedures.desk.models import Desk
from procedures.models import ProcedureLevel

ORDER = 80  # after the catalogue's own demo content


def load(ctx):
    commune = ProcedureLevel.objects.filter(slug="cap-xa").first()
    province = ProcedureLevel.objects.filter(slug="cap-tinh").first()
    created = 0
    city_desk, new = Desk.objects.get_or_create(
        name="Bộ phận một cửa thành phố Chí Linh",
        defaults={"address": "Số 104 đường Nguyễn Trãi, phường Sao Đỏ, thành phố Chí Linh"},
    )
    if new and province:
        city_desk.levels.add(province)
    created += new
    for ward in ctx.wards.values():
        desk, new = Desk.objects.get_or_create(
            name=f"Bộ phận một cửa {ward.full_name}", defaults={"ward": ward, "address": ward.desk_address}
        )
        if new and commune:
            desk.levels.add(commune)
        created += new
    ctx.log(f"Bộ phận một cửa để niêm yết: {created} mới, {Desk.objects.count()} tổng cộng")
