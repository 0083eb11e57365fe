"""Plumbing every domain relies on: configuration, the database, extensions, error pages, security
headers, languages, Markdown, pagination, mail, the audit log and backups. It imports nothing above
it, but for the audit and mail modules that write their own tables (see pyproject's import
contract)."""
