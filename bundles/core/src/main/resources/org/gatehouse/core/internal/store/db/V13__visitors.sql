-- Gatehouse schema version 13: placeholder on branch wip-watchlist only; the visitors branch owns this file.
VALUES 1
