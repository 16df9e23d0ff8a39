package org.linnea.archive;

import org.linnea.index.IngestOutcome;
import org.linnea.store.StoredObject;

/** An instance stored: its identity, its object and what the index did with it. */
public record IngestResult(String sopClassUid, String sopInstanceUid, String studyUid, StoredObject object, IngestOutcome outcome) {}
