"""The periodic jobs production runs (`manage.py run_periodic`, started by scripts/serve): one list.

Each entry is a management command with its arguments and how often it runs, in seconds. Everything
the docs once said "must be put in cron" is here; add a job with one line.
"""

MINUTE = 60
HOUR = 60 * MINUTE
DAY = 24 * HOUR

PERIODIC_JOBS = [
    # Wagtail's scheduled publishing and expiry ("go live at" / "expire at" in the editor).
    {"command": ["publish_scheduled"], "every": MINUTE},
    # Search index updates that failed while the engine was away (retried with back-off).
    {"command": ["search_process_queue"], "every": MINUTE},
    # Change-alert mail that is due, retries of failed sends, old and unconfirmed subscriptions.
    {"command": ["send_alert_mail"], "every": 5 * MINUTE},
    # Deadlines of open feedback, after deadline settings or the calendar changed.
    {"command": ["recompute_feedback_deadlines"], "every": DAY},
    # Expired editor sessions (Django keeps them in the database until removed).
    {"command": ["clearsessions"], "every": DAY},
    # Personal data past its retention period (docs/operations.md, "Retention of personal data").
    {"command": ["purge_personal_data"], "every": DAY},
]


def backup_job(folder, keep):
    """The nightly backup into `folder`, keeping the `keep` newest archives (settings add it when
    BACKUP_DIR is set: where backups go is the operator's choice, never a default)."""
    return {"command": ["backup", str(folder), "--keep", str(keep)], "every": DAY}
