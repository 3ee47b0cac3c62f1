"""``trace``: lint judged by PostgreSQL itself.

The migrations run on a scratch server (``scratch``) exactly as lint models their transactions,
and every statement is labelled by what the server did (``labels``); ``compare`` turns each
disagreement with lint's static view into a finding that names both.
"""
