"""``expandcontract split``: turn an unsafe migration into an expand/migrate/contract plan."""
