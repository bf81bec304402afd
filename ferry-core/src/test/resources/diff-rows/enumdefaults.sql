-- othercolumn moves from one enum to another with the same labels: the values must carry over.
INSERT INTO orders (status, othercolumn) VALUES ('pending', 'a'), ('complete', 'c'), (DEFAULT, NULL);
