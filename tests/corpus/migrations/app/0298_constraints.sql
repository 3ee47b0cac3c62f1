ALTER TABLE contracts ADD COLUMN IF NOT EXISTS imports_ref uuid;
ALTER TABLE contracts ADD CONSTRAINT contracts_imports_fk
    FOREIGN KEY (imports_ref) REFERENCES imports (id) NOT VALID;
ALTER TABLE contracts VALIDATE CONSTRAINT contracts_imports_fk;
