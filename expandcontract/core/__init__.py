"""The pure core: SQL text, parsing, dialects, identifiers, findings, suppressions, the migration
model, operations (extraction, replay into the schema model, classification) and the errors every
layer raises. It imports nothing that touches files, the environment, the clock or a database,
and nothing from the rules, the edges or the commands."""
