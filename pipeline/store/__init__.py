"""Store: the database (SQLAlchemy tables incl. analysts' corrections, Alembic migrations, the Store
that saves a record) and what every save keeps in step in the same transaction: the links between
documents, their partners and follow-up status, read through the effective record (corrections applied).
Those live here, not with the analysts, because the store cannot save without them; it imports no
intake, text or analyst module."""
