"""Text: one file in, its page text out (words with boxes and confidences). PDF text layer and the one
predicate deciding text layer or OCR, page images, DOCX, Tesseract OCR with its language and the pages
not worth OCR'ing, and pictures of pages to show. Knows nothing of records, the database or analysts:
it imports only pipeline.errors, schemas and the language data of extractors."""
