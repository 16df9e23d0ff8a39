/**
 * Local accounts — for people and for machines — and the service that adds, changes, lists,
 * removes and authenticates them. Passwords are stored as Argon2id PHC strings (RFC 9106), API keys
 * as SHA-256 hashes; nothing secret is stored in clear.
 *
 * <p>{@link org.linnea.security.account.AccountStore} is the persistence interface; {@link
 * org.linnea.security.account.FileAccountStore} keeps accounts in one JSON file replaced
 * atomically (write, fsync, rename). The archive will add a JDBC implementation.
 */
package org.linnea.security.account;
