-- A referenced table is recreated (it becomes partitioned): the foreign keys that reference it
-- are dropped first and added again once it is back; the referencing table and its rows stay.
CREATE TABLE event (id integer, at date, PRIMARY KEY (id, at));
CREATE TABLE attendee (id integer PRIMARY KEY, event_id integer, event_at date,
    FOREIGN KEY (event_id, event_at) REFERENCES event);
INSERT INTO attendee VALUES (1, NULL, NULL);
