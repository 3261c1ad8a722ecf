-- The number patients call and when it is answered, shown wherever advice says to call
-- the unit (set by an administrator).
ALTER TABLE units ADD COLUMN phone TEXT;
ALTER TABLE units ADD COLUMN opening_hours TEXT;
