package org.linnea.store;

import java.time.Instant;

/**
 * An object as stored.
 *
 * @param key the object's key: the lower-case hex SHA-256 of its bytes
 * @param size its length in bytes
 * @param sha256 the lower-case hex SHA-256 of its bytes (equal to the key in content-addressed
 *     stores; kept apart so that other stores may choose other keys)
 * @param storedAt when the object was (last) committed to the store
 */
public record StoredObject(String key, long size, String sha256, Instant storedAt) {}
