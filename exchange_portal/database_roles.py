"""The two PostgreSQL roles of a deployment behind PgBouncer (``manage.py setup_database_roles``).

PgBouncer refuses the libpq ``options`` that carry ``-c statement_timeout=…`` and ``-c jit=off`` (or, with
``ignore_startup_parameters = options``, drops them silently), so behind it those settings live on the
roles instead, where PostgreSQL applies them to every new session:

- the **web** role (gunicorn): ``statement_timeout`` = ``DATABASE_STATEMENT_TIMEOUT``, ``jit`` off;
- the **commands** role (``manage.py`` commands: migrate, backups, imports may run for minutes): no
  statement timeout, ``jit`` off. It owns the tables (run ``migrate`` as it), and the web role is made a
  member, so it may read and write them.

``/healthz/ready`` checks the web session's settings, so a role left unconfigured shows at once. Role
settings are not inherited through membership, so the commands role's settings never reach the web role.
"""

from django.db import connection as default_connection
from psycopg import sql


def setup_database_roles(*, web_role, commands_role, statement_timeout_ms, connection=default_connection):
    """Creates the roles if missing (LOGIN, no password: set one with ALTER ROLE … PASSWORD or psql's
    \\password) and sets what is described above; safe to run again. Returns the statements run.

    Needs a superuser or a role with CREATEROLE, connected to the portal's database."""
    if statement_timeout_ms <= 0:
        raise ValueError("the web role needs a statement timeout above 0 (DATABASE_STATEMENT_TIMEOUT)")
    web, commands = sql.Identifier(web_role), sql.Identifier(commands_role)
    statements = []
    with connection.cursor() as cursor:
        for role in (web_role, commands_role):
            cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
            if cursor.fetchone() is None:
                statements.append(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(role)))
        database = sql.Identifier(connection.settings_dict["NAME"])
        statements += [
            sql.SQL("ALTER ROLE {} SET statement_timeout = {}").format(web, sql.Literal(f"{statement_timeout_ms}ms")),
            sql.SQL("ALTER ROLE {} SET jit = off").format(web),
            sql.SQL("ALTER ROLE {} SET statement_timeout = 0").format(commands),
            sql.SQL("ALTER ROLE {} SET jit = off").format(commands),
            sql.SQL("GRANT CONNECT, TEMPORARY, CREATE ON DATABASE {} TO {}").format(database, commands),
            sql.SQL("GRANT USAGE, CREATE ON SCHEMA public TO {}").format(commands),
            sql.SQL("GRANT {} TO {}").format(commands, web),
        ]
        raw = cursor.connection  # psycopg's connection: composes the identifiers
        for statement in statements:
            cursor.execute(statement.as_string(raw))
    return [statement.as_string(raw) for statement in statements]
