-- The language a person chose (decision 0028): on the account for every page, and on the
-- patient for the messages sent to them (set on the referral form, so the first one is
-- already in it). NULL: not chosen; bokmål, or the browser's language on pages.
ALTER TABLE users ADD COLUMN language TEXT;
ALTER TABLE patients ADD COLUMN language TEXT;
