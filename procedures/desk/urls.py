"""Routes (see procedures/urls.py): lineage under thu-tuc/lich-su/, sheets under thu-tuc/niem-yet/."""

from django.urls import path

from procedures.desk import views

app_name = "procedure_desk"

urlpatterns = [
    path("thu-tuc/lich-su/<id:pk>/", views.procedure_lineage, name="lineage"),
    path("thu-tuc/niem-yet/<id:pk>/", views.notice_sheet, name="sheet"),
    path("thu-tuc/niem-yet/bo-phan/<id:desk_pk>/", views.desk_sheets, name="desk_sheets"),
]
