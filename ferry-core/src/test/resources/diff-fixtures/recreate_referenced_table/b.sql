CREATE TABLE event (id integer, at date, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE TABLE event_2026 PARTITION OF event FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE TABLE attendee (id integer PRIMARY KEY, event_id integer, event_at date,
    FOREIGN KEY (event_id, event_at) REFERENCES event);
