"""Finding the columns a layout reads in a header row, by name, whatever their order or case."""

from careqa.regulators.parsers.values import fold

_SHOWN = 30


class Columns:
    def __init__(self, table, ctx, label, key=fold):
        self.header = table.header
        self.header_row = table.header_row
        self.ctx = ctx
        self.label = label
        self.key = key
        self.keys = [key(name) for name in self.header]
        self.index = {}
        for position, key in enumerate(self.keys):
            if key and key not in self.index:
                self.index[key] = position
        self.missing = []

    def find(self, *names, prefix=None):
        """The position of the first of `names` present (or of a header starting `prefix`)."""
        for name in names:
            position = self.index.get(self.key(name))
            if position is not None:
                return position
        if prefix is not None:
            start = self.key(prefix)
            for position, key in enumerate(self.keys):
                if key.startswith(start):
                    return position
        return None

    def need(self, *names, prefix=None):
        position = self.find(*names, prefix=prefix)
        if position is None:
            self.missing.append(" or ".join(f"'{name}'" for name in names))
        return position

    def check(self):
        """Stop, naming what is missing and what was found, if a required column is absent."""
        if not self.missing:
            return
        found = [name.strip() for name in self.header if name.strip()]
        shown = ", ".join(f"'{' '.join(name.split())}'" for name in found[:_SHOWN])
        if len(found) > _SHOWN:
            shown += f" and {len(found) - _SHOWN} more"
        plural = "columns" if len(self.missing) > 1 else "column"
        raise self.ctx.error(
            f"this looks like {self.label}, but its header row has no {plural} "
            f"{'; '.join(self.missing)} (renamed or missing). The header has: {shown}",
            row=self.header_row,
            column=self.missing[0].split(" or ")[0].strip("'"),
        )

    def name(self, position):
        return " ".join(self.header[position].split())
