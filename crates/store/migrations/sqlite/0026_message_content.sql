-- A message is kept as what it is about (its kind and parameters, JSON) and the
-- recipient's language, and worded when it is delivered (decision 0028). Rows written
-- before keep their words in subject and body; new rows leave those empty.
ALTER TABLE outbox ADD COLUMN content TEXT;
ALTER TABLE outbox ADD COLUMN lang TEXT;
