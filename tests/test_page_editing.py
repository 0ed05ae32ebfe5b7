"""Every page type can be created through Wagtail's editor form (WagtailPageTestCase.assertCanCreate),
with nested StreamField data where the page has it, and lives only where it is allowed to."""

from django.conf import settings
from wagtail.models import Locale, Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home.factories import (
    DepartmentIndexPageFactory,
    DepartmentPageFactory,
    HomePageFactory,
    WardHomePageFactory,
)
from home.models import ContentPage, DepartmentIndexPage, DepartmentPage, HomePage, WardHomePage
from hotline.factories import HotlinePageFactory
from hotline.models import HotlinePage
from news.factories import (
    DirectiveLibraryPageFactory,
    NewsIndexPageFactory,
    RadioColumnPageFactory,
    ThemePageFactory,
    TopicFactory,
)
from news.models import (
    ArticlePage,
    DirectiveDocumentPage,
    DirectiveLibraryPage,
    NewsIndexPage,
    OneStopResultsPage,
    RadioColumnPage,
    RadioEpisodePage,
    ReformIndicesPage,
    ThemePage,
)
from procedures.factories import ProcedureFieldFactory, ProcedureIndexPageFactory, ProcedureLevelFactory
from procedures.models import ProcedureIndexPage, ProcedurePage
from tests.signin import login_with_second_factor


def list_block(items):
    """Form data of a ListBlock (as streamfield() gives a StreamBlock's)."""
    data = {str(i): {"value": value, "deleted": "", "order": str(i), "id": ""} for i, value in enumerate(items)}
    data["count"] = str(len(items))
    return data


def body():
    """The shared BodyBlock with a heading, rich text and a quote (a StructBlock)."""
    return streamfield(
        [
            ("heading", "Thủ tục cần biết"),
            ("paragraph", rich_text("<p>Người dân có thể nộp hồ sơ <b>trực tuyến</b>.</p>")),
            ("quote", {"text": "Lấy người dân làm trung tâm.", "source": "Chỉ đạo của UBND"}),
        ]
    )


class PageEditingTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
        root = Page.get_first_root_node()
        cls.home = HomePageFactory(parent=root)
        Site.objects.update_or_create(
            is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": cls.home}
        )
        cls.ward = WardHomePageFactory(parent=cls.home, unit_name="Sao Đỏ")

    def setUp(self):
        login_with_second_factor(self.client, self.login())  # every admin account signs in with two factors

    def test_city_home_page(self):
        Page.objects.get(pk=self.home.pk).delete()  # one city home page per parent
        self.assertCanCreate(
            Page.get_first_root_node(),
            HomePage,
            nested_form_data({"title": "Cổng thông tin thử", "slug": "cong-thu", "intro": rich_text("<p>Chào</p>")}),
        )

    def test_ward_and_content_pages(self):
        self.assertCanCreate(
            self.home,
            WardHomePage,
            nested_form_data(
                {
                    "title": "Phường Bến Tắm",
                    "slug": "phuong-ben-tam",
                    "unit_kind": "phuong",
                    "unit_name": "Bến Tắm",
                    "intro": rich_text("<p>Giới thiệu phường.</p>"),
                    "duty_staff": streamfield(
                        [("staff", {"position": "Tư pháp - Hộ tịch", "name": "", "schedule": "Thứ Hai", "phone": "0220 3 123 456"})]
                    ),
                }
            ),
        )
        self.assertCanCreate(
            self.ward,
            ContentPage,
            nested_form_data({"title": "Giới thiệu", "slug": "gioi-thieu", "lead": "Tóm tắt.", "body": body()}),
        )

    def test_catalogue_and_procedure_with_dossier_cases(self):
        self.assertCanCreate(
            self.home,
            ProcedureIndexPage,
            nested_form_data({"title": "Thủ tục hành chính", "slug": "thu-tuc", "intro": rich_text(""), "per_page": "20"}),
        )
        catalogue = ProcedureIndexPage.objects.get()
        field = ProcedureFieldFactory(name="Hộ tịch")
        level = ProcedureLevelFactory()
        self.assertCanCreate(
            catalogue,
            ProcedurePage,
            nested_form_data(
                {
                    "title": "Đăng ký khai sinh",
                    "slug": "dang-ky-khai-sinh-1-001193",
                    "code": "1.001193",
                    "official_name": "Đăng ký khai sinh",
                    "field": str(field.pk),
                    "level": str(level.pk),
                    "steps": streamfield([("step", {"title": "Bước 1", "description": "Nộp hồ sơ."})]),
                    "channels": streamfield(
                        [("channel", {"method": "truc_tiep", "deadline": "Trong ngày", "fee": "Miễn", "description": ""})]
                    ),
                    "dossier": streamfield(
                        [
                            (
                                "case",
                                {
                                    "case_name": "Trường hợp 1: đăng ký đúng hạn",
                                    "items": list_block(
                                        [
                                            {"name": "Tờ khai đăng ký khai sinh", "form_name": "Mẫu tờ khai",
                                             "form": "", "originals": "1", "copies": "0", "note": ""},
                                            {"name": "Giấy chứng sinh", "form_name": "", "form": "",
                                             "originals": "1", "copies": "", "note": ""},
                                        ]
                                    ),
                                },
                            )
                        ]
                    ),
                    "legal_basis": streamfield(
                        [("document", {"number": "60/2014/QH13", "title": "Luật Hộ tịch", "date": "2014-11-20", "issuer": "Quốc hội"})]
                    ),
                    "forms": streamfield([]),
                    "status_changes": inline_formset([]),
                }
            ),
        )
        page = ProcedurePage.objects.get(code="1.001193")
        self.assertEqual([item["name"] for item in page.dossier[0].value["items"]],
                         ["Tờ khai đăng ký khai sinh", "Giấy chứng sinh"])

    def test_news_pages(self):
        self.assertCanCreate(
            self.home, NewsIndexPage, nested_form_data({"title": "Tin tức", "slug": "tin-tuc", "intro": rich_text("")})
        )
        self.assertCanCreate(
            NewsIndexPage.objects.get(),
            ArticlePage,
            nested_form_data(
                {"title": "Cải cách thủ tục", "slug": "cai-cach", "date": "2026-01-05", "lead": "Tóm tắt.", "body": body()}
            ),
        )
        self.assertCanCreate(
            self.home,
            DirectiveLibraryPage,
            nested_form_data({"title": "Văn bản chỉ đạo", "slug": "van-ban", "intro": rich_text("")}),
        )
        self.assertCanCreate(
            DirectiveLibraryPage.objects.get(),
            DirectiveDocumentPage,
            nested_form_data(
                {
                    "title": "Kế hoạch cải cách hành chính năm 2026",
                    "slug": "ke-hoach-2026",
                    "number": "15/KH-UBND",
                    "issued_date": "2026-01-10",
                    "issuing_body": "UBND thành phố",
                    "level": DirectiveDocumentPage.Level.CITY,
                    "doc_type": DirectiveDocumentPage.DocType.PLAN,
                    "summary": "Kế hoạch năm.",
                }
            ),
        )
        self.assertCanCreate(
            self.home,
            RadioColumnPage,
            nested_form_data({"title": "Phát thanh", "slug": "phat-thanh", "intro": rich_text("")}),
        )
        self.assertCanCreate(
            RadioColumnPage.objects.get(),
            RadioEpisodePage,
            nested_form_data(
                {
                    "title": "Số 1",
                    "slug": "so-1",
                    "air_date": "2026-01-05",
                    "summary": "Tóm tắt.",
                    "transcript": rich_text("<p>Bản ghi lời.</p>"),
                }
            ),
            publish=False,  # an episode is published with its audio; a draft needs only the transcript
        )
        self.assertCanCreate(
            self.ward,
            ReformIndicesPage,
            nested_form_data(
                {
                    "title": "Chỉ số CCHC",
                    "slug": "chi-so",
                    "intro": rich_text(""),
                    "source_note": rich_text(""),
                    "scores": inline_formset([{"year": "2025", "par_index": "85.5", "sipas": "88.1"}]),
                }
            ),
        )
        self.assertCanCreate(
            self.ward,
            OneStopResultsPage,
            nested_form_data({"title": "Kết quả một cửa", "slug": "ket-qua", "intro": rich_text("")}),
        )

    def test_hotline_page_with_contacts(self):
        self.assertCanCreate(
            self.ward,
            HotlinePage,
            nested_form_data(
                {
                    "title": "Đường dây nóng",
                    "slug": "duong-day-nong",
                    "contacts": inline_formset(
                        [{"unit": "Công an phường", "phone": "0220 3 882 113", "topic": "", "position": "",
                          "email": "", "address": "", "office_hours": ""}],
                        min=1,
                    ),
                }
            ),
        )

    def test_department_pages_with_contacts_news_and_themes(self):
        self.assertCanCreate(
            self.home,
            DepartmentIndexPage,
            nested_form_data({"title": "Các phòng, ban", "slug": "phong-ban", "intro": rich_text("<p>Giới thiệu.</p>")}),
        )
        self.assertCanCreate(
            DepartmentIndexPage.objects.get(),
            DepartmentPage,
            nested_form_data(
                {
                    "title": "Phòng Tư pháp",
                    "slug": "phong-tu-phap",
                    "intro": rich_text("<p>Tham mưu về công tác tư pháp.</p>"),
                    "duties": rich_text("<ul><li>Phổ biến, giáo dục pháp luật.</li></ul>"),
                    "address": "Tầng 2, trụ sở UBND thành phố",
                    "phone": "0220 3882 411",
                    "email": "tuphap@example.invalid",
                    "office_hours": "Thứ Hai đến thứ Sáu",
                    "contacts": streamfield(
                        [("contact", {"position": "Trưởng phòng", "name": "", "phone": "0220 3882 411", "email": ""})]
                    ),
                }
            ),
        )
        department = DepartmentPage.objects.get(slug="phong-tu-phap")
        self.assertEqual(department.contacts[0].value["position"], "Trưởng phòng")
        self.assertCanCreate(
            department, NewsIndexPage, nested_form_data({"title": "Tin hoạt động", "slug": "tin-tuc", "intro": rich_text("")})
        )
        self.assertCanCreate(
            department, ContentPage, nested_form_data({"title": "Cơ cấu tổ chức", "slug": "co-cau", "lead": "", "body": body()})
        )
        topic = TopicFactory(name="Phổ biến, giáo dục pháp luật (thử)", slug="pbgdpl-thu")
        self.assertCanCreate(
            department,
            ThemePage,
            nested_form_data(
                {"title": "Phổ biến, giáo dục pháp luật", "slug": "pbgdpl", "topic": str(topic.pk),
                 "lead": "Văn bản mới và hỏi – đáp pháp luật.", "body": body()}
            ),
        )
        self.assertCanCreate(
            self.home,
            ThemePage,
            nested_form_data({"title": "Phòng, chống tham nhũng", "slug": "pctn", "topic": str(topic.pk),
                              "lead": "Nơi phản ánh.", "body": streamfield([])}),
        )
        self.assertEqual(ThemePage.objects.get(slug="pbgdpl").body[2].value["source"], "Chỉ đạo của UBND")

    def test_article_audiences_are_set_in_the_editor(self):
        index = NewsIndexPageFactory(parent=self.home)
        self.assertCanCreate(
            index,
            ArticlePage,
            nested_form_data(
                {"title": "Hỗ trợ doanh nghiệp", "slug": "ho-tro-dn", "date": "05/01/2026", "lead": "Tóm tắt.",
                 "body": body(), "for_businesses": "on", "for_citizens": "on"}
            ),
        )
        article = ArticlePage.objects.get(slug="ho-tro-dn")
        self.assertEqual([a.slug for a in article.audiences], ["doanh-nghiep", "nguoi-dan"])
        self.assertFalse(article.for_officials)

    def test_pages_live_only_where_allowed(self):
        self.assertCanNotCreateAt(WardHomePage, ProcedureIndexPage)
        self.assertCanNotCreateAt(HomePage, ProcedurePage)
        self.assertCanNotCreateAt(ContentPage, ArticlePage)
        self.assertCanNotCreateAt(HomePage, RadioEpisodePage)
        self.assertCanCreateAt(WardHomePage, HotlinePage)
        self.assertCanNotCreateAt(HomePage, DepartmentPage)  # only under the departments' index
        self.assertCanNotCreateAt(WardHomePage, DepartmentIndexPage)
        self.assertCanNotCreateAt(WardHomePage, ThemePage)
        self.assertCanCreateAt(DepartmentPage, NewsIndexPage)
        self.assertCanCreateAt(DepartmentPage, ThemePage)
        self.assertCanNotCreateAt(DepartmentPage, ArticlePage)
        # The factories build the same parents the editor does.
        for factory, parent in ((NewsIndexPageFactory, self.ward), (DirectiveLibraryPageFactory, self.ward),
                                (RadioColumnPageFactory, self.home), (ProcedureIndexPageFactory, self.home),
                                (HotlinePageFactory, self.home), (DepartmentIndexPageFactory, self.home),
                                (ThemePageFactory, self.home)):
            page = factory(parent=parent)
            self.assertTrue(page.get_parent().pk == parent.pk and page.specific_class in parent.specific_class.allowed_subpage_models())
        department = DepartmentPageFactory(parent=DepartmentIndexPage.objects.get())
        self.assertIn(DepartmentPage, DepartmentIndexPage.allowed_subpage_models())
        self.assertEqual(ThemePageFactory(parent=department).get_parent().pk, department.pk)
