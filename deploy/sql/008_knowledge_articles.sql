-- 008: the knowledge base: the articles replies are grounded in, searched by meaning (the embedding, compared
-- in the query) and by exact words (full-text search over the tsvector column), with their helpfulness.
--
-- The silo loads the shipped articles (Grains/Knowledge/knowledge-base.v1.json) at start-up when the stored
-- version is older; helpful/unhelpful counts survive reloads.
--
-- Safe to run twice.

CREATE TABLE IF NOT EXISTS knowledge_articles
(
    id          text        NOT NULL,
    version     integer     NOT NULL,
    title       text        NOT NULL,
    category    text        NOT NULL,
    agent       text        NOT NULL,
    answer      text        NOT NULL,
    body        text        NOT NULL,
    fixes       text[]      NOT NULL DEFAULT '{}',
    keywords    text[]      NOT NULL DEFAULT '{}',
    embedding   real[],
    search      tsvector    NOT NULL,
    helpful     integer     NOT NULL DEFAULT 0,
    unhelpful   integer     NOT NULL DEFAULT 0,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT knowledge_articles_pkey PRIMARY KEY (id)
);

CREATE INDEX IF NOT EXISTS knowledge_articles_search
    ON knowledge_articles USING gin (search);
