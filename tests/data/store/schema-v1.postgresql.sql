-- The decisions database as smarak created it before migrations (SCHEMA_VERSION 1, git 9b903bc),
-- generated from pipeline/store/db.py of that commit for postgresql: the schema the first migration upgrades.

CREATE TABLE documents (
	id VARCHAR(40) NOT NULL, 
	file TEXT NOT NULL, 
	sha256 VARCHAR(64) NOT NULL, 
	doc_type VARCHAR(20) NOT NULL, 
	memo_no VARCHAR(200), 
	memo_text TEXT, 
	memo_copy VARCHAR(40), 
	date DATE, 
	date_bangla VARCHAR(10), 
	date_text TEXT, 
	date_consistent BOOLEAN, 
	subject TEXT, 
	signatory_name TEXT, 
	signatory_designation TEXT, 
	meeting_chair TEXT, 
	meeting_date DATE, 
	meeting_time VARCHAR(5), 
	meeting_venue TEXT, 
	method VARCHAR(10) NOT NULL, 
	ocr_confidence FLOAT, 
	warnings JSON NOT NULL, 
	record TEXT NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT documents_doc_type CHECK (doc_type IN ('letter', 'do_letter', 'minutes', 'notification', 'office_order', 'circular', 'other')), 
	CONSTRAINT documents_method CHECK (method IN ('ocr', 'pdf-text', 'text'))
);

CREATE INDEX ix_documents_memo_no ON documents (memo_no);

CREATE TABLE schema_version (
	version SERIAL NOT NULL, 
	PRIMARY KEY (version)
);

CREATE TABLE decisions (
	id SERIAL NOT NULL, 
	document_id VARCHAR(40) NOT NULL, 
	position INTEGER NOT NULL, 
	ref VARCHAR(40), 
	text TEXT NOT NULL, 
	span_page INTEGER NOT NULL, 
	span_start INTEGER NOT NULL, 
	span_end INTEGER NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (document_id, position), 
	FOREIGN KEY(document_id) REFERENCES documents (id) ON DELETE CASCADE
);

CREATE INDEX ix_decisions_document_id ON decisions (document_id);

CREATE TABLE "references" (
	document_id VARCHAR(40) NOT NULL, 
	position INTEGER NOT NULL, 
	memo_no VARCHAR(200) NOT NULL, 
	date DATE, 
	PRIMARY KEY (document_id, position), 
	FOREIGN KEY(document_id) REFERENCES documents (id) ON DELETE CASCADE
);

CREATE INDEX ix_references_memo_no ON "references" (memo_no);

CREATE TABLE deadlines (
	decision_id INTEGER NOT NULL, 
	kind VARCHAR(10) NOT NULL, 
	value VARCHAR(40), 
	date DATE, 
	period VARCHAR(20), 
	anchor VARCHAR(7), 
	text TEXT NOT NULL, 
	PRIMARY KEY (decision_id), 
	CONSTRAINT deadlines_kind CHECK (kind IN ('date', 'recurring', 'asap')), 
	FOREIGN KEY(decision_id) REFERENCES decisions (id) ON DELETE CASCADE
);

CREATE TABLE responsible (
	decision_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	name TEXT NOT NULL, 
	PRIMARY KEY (decision_id, position), 
	FOREIGN KEY(decision_id) REFERENCES decisions (id) ON DELETE CASCADE
);

INSERT INTO schema_version (version) VALUES (1);
