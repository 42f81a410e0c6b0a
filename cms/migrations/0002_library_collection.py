"""Create the private collection library files are uploaded to (see cms.selectors.library_collection)."""

from django.db import migrations

NAME = "Bibliotek (kun medlemmer)"
GROUP = "Bibliotek: direkte filadgang"


def create(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    CollectionViewRestriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    Group = apps.get_model("auth", "Group")
    root = Collection.objects.filter(depth=1).first()
    if root is None or Collection.objects.filter(name=NAME).exists():
        return
    # treebeard's add_child is not available on historical models: place the child by hand.
    last = Collection.objects.filter(depth=2).order_by("-path").first()
    step = int(last.path[-4:], 36) + 1 if last else 1
    path = root.path + _base36(step).rjust(4, "0")
    collection = Collection.objects.create(name=NAME, path=path, depth=2, numchild=0)
    Collection.objects.filter(pk=root.pk).update(numchild=root.numchild + 1)
    group, _ = Group.objects.get_or_create(name=GROUP)
    restriction = CollectionViewRestriction.objects.create(collection=collection, restriction_type="groups")
    restriction.groups.add(group)


def _base36(number: int) -> str:
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    while number:
        number, rem = divmod(number, 36)
        out = digits[rem] + out
    return out or "0"


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
