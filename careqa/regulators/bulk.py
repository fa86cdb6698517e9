"""Bulk writes for imports, an order of magnitude cheaper per row than bulk_create.

A national file creates tens of thousands of services, ratings and audit events at once;
Django's bulk_create spends most of its time compiling each row. Here each model's
columns are prepared once and rows go to the database with executemany. Ids are given
by us (the next free ones) so that no database has to hand them back: the import holds
the write lock on SQLite, and on PostgreSQL the tables are locked against other inserts
for the rest of the transaction and their sequences moved past the new ids.
"""

import json
from collections import defaultdict

from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

BATCH = 2000
# Values of these field types go to the database driver as they are.
_AS_IS = {
    "AutoField",
    "BigAutoField",
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "FloatField",
    "ForeignKey",
    "IntegerField",
    "PositiveIntegerField",
    "TextField",
}


class Row:
    """A row to insert: attributes named as the model's fields (attnames, e.g. council_id).

    Much cheaper to make than a model instance; fields left out take their defaults.
    """

    def __init__(self, **values):
        self.__dict__.update(values)


def insert(model, objects):
    """INSERT the Rows (or unsaved model instances), setting their primary keys."""
    if not objects:
        return
    # The real connection, not the thread-local proxy, which costs a lookup per use.
    connection = connections[DEFAULT_DB_ALIAS]
    meta = model._meta
    table = connection.ops.quote_name(meta.db_table)
    fields = [f for f in meta.concrete_fields]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"
    now = timezone.now()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")
        cursor.execute(
            f"SELECT COALESCE(MAX({connection.ops.quote_name(meta.pk.column)}), 0) FROM {table}"
        )
        next_id = cursor.fetchone()[0] + 1
        prepare = [_preparer(f, connection) for f in fields]
        auto_now = [
            f.attname
            for f in fields
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        ]
        columns_of = [(f.attname, f.get_default, p) for f, p in zip(fields, prepare, strict=True)]
        rows = []
        for offset, obj in enumerate(objects):
            values = obj.__dict__
            values[meta.pk.attname] = next_id + offset
            for attname in auto_now:
                if values.get(attname) is None:
                    values[attname] = now
            row = []
            for attname, default, prepare_value in columns_of:
                if attname not in values:
                    values[attname] = default()
                row.append(prepare_value(values[attname]))
            rows.append(row)
            if isinstance(obj, Row):
                obj.pk = values[meta.pk.attname]
            else:
                obj._state.adding = False
                obj._state.db = connection.alias
        if connection.vendor == "postgresql":
            # COPY is PostgreSQL's bulk load: one stream instead of a statement a row.
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            for start in range(0, len(rows), BATCH):
                cursor.executemany(sql, rows[start : start + BATCH])
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, %s), %s)",
                [meta.db_table, meta.pk.column, next_id + len(objects) - 1],
            )


def _preparer(field, connection):
    kind = field.get_internal_type()
    if kind in _AS_IS:
        return _identity
    if kind == "DateField":
        return connection.ops.adapt_datefield_value
    if kind == "DateTimeField":
        # An import stamps every row with the same moment: adapt each distinct value once.
        adapted = {}

        def adapt(value):
            if value not in adapted:
                adapted[value] = connection.ops.adapt_datetimefield_value(value)
            return adapted[value]

        return adapt
    if kind == "JSONField" and connection.vendor == "sqlite" and field.encoder is None:
        return json.dumps  # what JSONField itself stores on SQLite, without its overhead
    return lambda value: field.get_db_prep_save(value, connection)


def _identity(value):
    return value


def update(model, updates, now=None):
    """Apply [(pk, {field: value})] with one executemany per distinct set of fields."""
    if not updates:
        return
    connection = connections[DEFAULT_DB_ALIAS]
    meta = model._meta
    table = connection.ops.quote_name(meta.db_table)
    stamp = now is not None and any(f.name == "updated_at" for f in meta.fields)
    grouped = defaultdict(list)
    for pk, changed in updates:
        grouped[tuple(sorted(changed))].append((pk, changed))
    with connection.cursor() as cursor:
        for names, rows in grouped.items():
            fields = [meta.get_field(name) for name in names]
            columns = [f.column for f in fields]
            if stamp:
                fields.append(meta.get_field("updated_at"))
                columns.append("updated_at")
            assignments = ", ".join(f"{connection.ops.quote_name(c)} = %s" for c in columns)
            sql = f"UPDATE {table} SET {assignments} WHERE id = %s"
            params = []
            for pk, changed in rows:
                values = [changed[name] for name in names]
                if stamp:
                    values.append(now)
                params.append(
                    [f.get_db_prep_save(v, connection) for f, v in zip(fields, values, strict=True)]
                    + [pk]
                )
            for start in range(0, len(params), BATCH):
                cursor.executemany(sql, params[start : start + BATCH])
