-- A tiny catalog: datasets and their tags, with a few rows to migrate.
CREATE TABLE dataset (
    id serial PRIMARY KEY,
    name text NOT NULL UNIQUE,
    title text NOT NULL,
    private boolean NOT NULL DEFAULT false
);

CREATE TABLE tag (
    dataset_id integer NOT NULL REFERENCES dataset (id),
    name text NOT NULL,
    PRIMARY KEY (dataset_id, name)
);

INSERT INTO dataset (name, title, private)
SELECT 'dataset-' || n, 'Dataset number ' || n, n % 10 = 0
FROM generate_series(1, 250) AS n;

INSERT INTO tag (dataset_id, name)
SELECT id, t FROM dataset, unnest(ARRAY['health', 'transport', 'spending']) AS t WHERE id % 3 = 0;
