-- Expensive AI outputs, content-addressed: a namespace and the SHA-256 of the input that produced
-- them. Redis holds hot copies with a TTL per namespace; this table is the durable copy.
CREATE TABLE ai_results (
    namespace  text        NOT NULL,
    hash       char(64)    NOT NULL,
    -- embeddings as arrays of floats (4 bytes each), every other namespace as a JSON document
    embedding  real[],
    content    jsonb,
    model      text,
    stored_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (namespace, hash),
    CONSTRAINT ai_results_namespace_check CHECK (namespace IN ('embedding', 'rag', 'ai-response', 'analysis', 'chat')),
    CONSTRAINT ai_results_hash_check CHECK (hash ~ '^[0-9a-f]{64}$'),
    CONSTRAINT ai_results_embedding_check CHECK ((namespace = 'embedding') = (embedding IS NOT NULL)),
    CONSTRAINT ai_results_content_check CHECK ((namespace = 'embedding') = (content IS NULL))
);
-- The scheduled cleanup deletes entries stored before a cutoff.
CREATE INDEX ai_results_stored_at_idx ON ai_results (stored_at);
