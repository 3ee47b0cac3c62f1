"""MySQL and MariaDB: reading scripts, the statement model, the versioned online-DDL table."""
