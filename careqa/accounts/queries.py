"""Finding accounts for the administrator's list."""

from django.db.models import Q

from careqa.accounts.models import User

STATUSES = {"active": "Active", "deactivated": "Deactivated", "all": "All"}


def find_users(*, text="", role="", status="active"):
    users = User.objects.all()
    if status == "active":
        users = users.filter(is_active=True)
    elif status == "deactivated":
        users = users.filter(is_active=False)
    if role:
        users = users.filter(role=role)
    for word in text.split():
        users = users.filter(
            Q(username__icontains=word)
            | Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(email__icontains=word)
            | Q(organisation__icontains=word)
        )
    return users.order_by("first_name", "last_name", "username")
