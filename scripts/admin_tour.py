"""The admin screens editors use daily, visited and acted on (save, publish, moderate, schedule, lock,
copy, move, delete, upload, a form with errors) by scripts/locale_coverage.py while it records every
gettext look-up."""

import io
import os
import sys


def tiny_png():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def tour(client, recorder, home):
    """Visit the screens editors use daily and perform the everyday actions. Returns statuses."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page, Workflow
    from wagtail.snippets.models import get_snippet_models

    from home.models import ContentPage, WardHomePage

    statuses = {}

    def visit(screen, url, method="get", data=None, **extra):
        recorder.screen = screen
        response = getattr(client, method)(url, data or {}, **extra)
        statuses[screen] = response.status_code
        if response.status_code in (301, 302):
            # the next screen shows the confirmation message the action queued, or the real form
            response = client.get(response["Location"])
            statuses[screen] = f"{statuses[screen]}>{response.status_code}"
        if os.environ.get("LOCALE_TOUR_DEBUG") and method == "post" and response.status_code == 200:
            from django.contrib.messages import get_messages

            errors = [str(m) for m in get_messages(response.wsgi_request)]
            form = (response.context or {}).get("form")
            print(screen, errors, getattr(form, "errors", None), file=sys.stderr)
        return response

    def admin(name, *args):
        return reverse(name, args=args)

    # signed out
    client.logout()
    visit("login", admin("wagtailadmin_login"))
    visit(
        "login: wrong password", admin("wagtailadmin_login"), "post", {"username": "editor", "password": "x"}
    )
    visit("password reset", admin("wagtailadmin_password_reset"))
    # every admin account signs in with two factors; the tour's is past both
    from tests.signin import login_with_second_factor

    login_with_second_factor(client, client.tour_user)

    ward = WardHomePage.objects.live().first()
    page = ContentPage(title="Giới thiệu Bộ phận một cửa", slug="gioi-thieu-bo-phan-mot-cua", lead="Tóm tắt")
    ward.add_child(instance=page)
    page.save_revision().publish()

    visit("dashboard", admin("wagtailadmin_home"))
    visit("explorer: root", admin("wagtailadmin_explore_root"))
    visit("explorer: home", admin("wagtailadmin_explore", home.pk))
    visit(
        "explorer: filtered",
        admin("wagtailadmin_explore", home.pk) + "?has_child_pages=true&ordering=-latest_revision_created_at",
    )
    visit("explorer: ward", admin("wagtailadmin_explore", ward.pk))
    visit("page search", admin("wagtailadmin_pages:search") + "?q=phường")
    visit("page chooser", admin("wagtailadmin_choose_page"))
    visit("page edit", admin("wagtailadmin_pages:edit", page.pk))
    visit("page edit: home", admin("wagtailadmin_pages:edit", home.pk))
    # the editor of every page type the demo has (StreamField and panel strings differ per type)
    for content_type_id in Page.objects.filter(depth__gt=1).values_list("content_type", flat=True).distinct():
        sample = Page.objects.filter(content_type=content_type_id).first()
        visit(
            f"page edit: {sample.specific_class._meta.model_name}",
            admin("wagtailadmin_pages:edit", sample.pk),
        )
    visit("page add: choose type", admin("wagtailadmin_pages:add_subpage", ward.pk))
    visit("page add: form", admin("wagtailadmin_pages:add", "home", "contentpage", ward.pk))

    edit_url = admin("wagtailadmin_pages:edit", page.pk)
    form = {
        "title": page.title,
        "slug": page.slug,
        "lead": "Tóm tắt mới",
        "body-count": "0",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    visit("action: save draft", edit_url, "post", form)
    visit("action: validation errors", edit_url, "post", {**form, "title": ""})
    visit("action: publish", edit_url, "post", {**form, "action-publish": "action-publish"})
    visit(
        "action: schedule",
        edit_url,
        "post",
        {**form, "go_live_at": "2099-01-01 08:00", "action-publish": "action-publish"},
    )
    visit("page edit: scheduled", edit_url)
    revision = page.revisions.order_by("-created_at", "-pk").first()
    visit("action: unschedule", admin("wagtailadmin_pages:revisions_unschedule", page.pk, revision.pk))
    visit(
        "action: unschedule confirm",
        admin("wagtailadmin_pages:revisions_unschedule", page.pk, revision.pk),
        "post",
    )
    if Workflow.objects.filter(active=True).exists():
        visit("action: submit for moderation", edit_url, "post", {**form, "action-submit": "action-submit"})
        visit("page edit: in moderation", edit_url)
        visit("dashboard: awaiting review", admin("wagtailadmin_home"))
        visit("workflow history", admin("wagtailadmin_pages:workflow_history", page.pk))
        task_state = page.specific.current_workflow_task_state
        if task_state is not None:
            action_url = admin("wagtailadmin_pages:workflow_action", page.pk, "reject", task_state.pk)
            visit("workflow: reject form", action_url, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
            visit("action: reject", action_url, "post", {"comment": "Cần bổ sung thành phần hồ sơ."})
            visit("page edit: rejected", edit_url)
            visit("action: resubmit", edit_url, "post", {**form, "action-submit": "action-submit"})
            task_state = page.specific.current_workflow_task_state
            visit(
                "action: approve",
                admin("wagtailadmin_pages:workflow_action", page.pk, "approve", task_state.pk),
                "post",
                {},
            )
        visit("action: submit again", edit_url, "post", {**form, "action-submit": "action-submit"})
        visit("workflow: cancel confirm", admin("wagtailadmin_pages:confirm_workflow_cancellation", page.pk))
        visit(
            "action: cancel workflow",
            edit_url,
            "post",
            {**form, "action-cancel-workflow": "action-cancel-workflow"},
        )
    visit("action: lock", admin("wagtailadmin_pages:lock", page.pk), "post")
    visit("page edit: locked", edit_url)
    visit("action: unlock", admin("wagtailadmin_pages:unlock", page.pk), "post")
    visit("page history", admin("wagtailadmin_pages:history", page.pk))
    visit("revisions", admin("wagtailadmin_pages:revisions_index", page.pk))
    visit(
        "revision compare",
        reverse(
            "wagtailadmin_pages:revisions_compare",
            kwargs={"pk": page.pk, "revision_id_a": "earliest", "revision_id_b": "latest"},
        ),
    )
    visit("revision revert", admin("wagtailadmin_pages:revisions_revert", page.pk, revision.pk))
    visit("privacy", admin("wagtailadmin_pages:set_privacy", page.pk))
    visit("page usage", admin("wagtailadmin_pages:usage", page.pk))
    visit("unpublish", admin("wagtailadmin_pages:unpublish", page.pk))
    visit("action: unpublish", admin("wagtailadmin_pages:unpublish", page.pk), "post")
    visit("copy", admin("wagtailadmin_pages:copy", page.pk))
    visit(
        "action: copy",
        admin("wagtailadmin_pages:copy", page.pk),
        "post",
        {"new_title": "Bản sao", "new_slug": "ban-sao", "new_parent_page": ward.pk, "publish_copies": "on"},
    )
    copy = Page.objects.get(slug="ban-sao")
    visit("move", admin("wagtailadmin_pages:move", copy.pk))
    visit("move confirm", admin("wagtailadmin_pages:move_confirm", copy.pk, home.pk))
    visit("action: move", admin("wagtailadmin_pages:move_confirm", copy.pk, home.pk), "post")
    visit("delete", admin("wagtailadmin_pages:delete", copy.pk))
    visit("action: delete", admin("wagtailadmin_pages:delete", copy.pk), "post")
    visit(
        "bulk publish",
        reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish")) + f"?id={page.pk}",
    )

    visit("snippets", admin("wagtailsnippets:index"))
    for model in get_snippet_models():
        opts = model._meta
        url_prefix = f"wagtailsnippets_{opts.app_label}_{opts.model_name}"
        visit(f"snippet list: {opts.model_name}", reverse(f"{url_prefix}:list"))
        visit(f"snippet add: {opts.model_name}", reverse(f"{url_prefix}:add"))
        visit(f"snippet add errors: {opts.model_name}", reverse(f"{url_prefix}:add"), "post", {})
        instance = model.objects.first()
        if instance is not None:
            visit(f"snippet edit: {opts.model_name}", reverse(f"{url_prefix}:edit", args=(instance.pk,)))
            visit(f"snippet delete: {opts.model_name}", reverse(f"{url_prefix}:delete", args=(instance.pk,)))
            visit(
                f"snippet history: {opts.model_name}", reverse(f"{url_prefix}:history", args=(instance.pk,))
            )

    visit("images", admin("wagtailimages:index"))
    visit("image add", admin("wagtailimages:add"))
    visit("image add multiple", admin("wagtailimages:add_multiple"))
    visit(
        "action: image upload",
        admin("wagtailimages:add"),
        "post",
        {"title": "Trụ sở UBND", "file": SimpleUploadedFile("tru-so.png", tiny_png(), "image/png")},
    )
    visit("action: image upload errors", admin("wagtailimages:add"), "post", {"title": ""})
    image = get_image_model().objects.first()
    if image is not None:
        visit("image edit", admin("wagtailimages:edit", image.pk))
        visit("image delete", admin("wagtailimages:delete", image.pk))
        visit("image usage", admin("wagtailimages:image_usage", image.pk))
        visit("image chooser", admin("wagtailimages_chooser:choose"))
    visit("image chooser results", admin("wagtailimages_chooser:choose_results") + "?q=trụ")

    visit("documents", admin("wagtaildocs:index"))
    visit("document add", admin("wagtaildocs:add"))
    visit("document add multiple", admin("wagtaildocs:add_multiple"))
    visit(
        "action: document upload",
        admin("wagtaildocs:add"),
        "post",
        {
            "title": "Mẫu tờ khai",
            "file": SimpleUploadedFile("to-khai.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
        },
    )
    visit("action: document upload errors", admin("wagtaildocs:add"), "post", {"title": ""})
    document = get_document_model().objects.first()
    if document is not None:
        visit("document edit", admin("wagtaildocs:edit", document.pk))
        visit("document delete", admin("wagtaildocs:delete", document.pk))
    visit("document chooser", admin("wagtaildocs_chooser:choose"))

    from wagtail.contrib.settings.registry import registry as settings_registry

    for model in settings_registry:
        opts = model._meta
        visit(
            f"settings: {opts.model_name}",
            reverse("wagtailsettings:edit", args=(opts.app_label, opts.model_name)),
        )

    visit("users", admin("wagtailusers_users:index"))
    visit("user add", admin("wagtailusers_users:add"))
    visit("user add errors", admin("wagtailusers_users:add"), "post", {"username": "", "email": "x"})
    visit("user edit", admin("wagtailusers_users:edit", client.tour_user.pk))
    visit("groups", admin("wagtailusers_groups:index"))
    visit("group add", admin("wagtailusers_groups:add"))
    from django.contrib.auth.models import Group

    group = Group.objects.first()
    if group is not None:
        visit("group edit", admin("wagtailusers_groups:edit", group.pk))
    visit("account", admin("wagtailadmin_account"))

    for name in (
        "locked_pages",
        "workflow",
        "workflow_tasks",
        "site_history",
        "aging_pages",
        "page_types_usage",
    ):
        visit(f"report: {name}", admin(f"wagtailadmin_reports:{name}"))
    visit("workflows", admin("wagtailadmin_workflows:index"))
    visit("workflow tasks", admin("wagtailadmin_workflows:task_index"))
    workflow = Workflow.objects.first()
    if workflow is not None:
        visit("workflow edit", admin("wagtailadmin_workflows:edit", workflow.pk))
    visit("collections", admin("wagtailadmin_collections:index"))
    visit("collection add", admin("wagtailadmin_collections:add"))
    visit("redirects", admin("wagtailredirects:index"))
    visit("redirect add", admin("wagtailredirects:add"))
    visit("forms", admin("wagtailforms:index"))
    visit("sites", admin("wagtailsites:index"))
    visit("site edit", admin("wagtailsites:edit", home.get_site().pk))
    visit("logout", admin("wagtailadmin_logout"), "post")
    return statuses


# --- running it --------------------------------------------------------------------------------
