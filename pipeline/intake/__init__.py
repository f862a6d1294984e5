"""Intake: the folders a run works in (intake, processing, archive, quarantine) and what happens to a file
there — found when fully written, claimed atomically, archived or quarantined, never deleted — with the
runner's intake stages and the folder watcher. Files and their moves only: it reads no page (the
supported suffixes come from pipeline/text) and stores records only through pipeline/store."""
