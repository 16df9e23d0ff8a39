package org.linnea.security.account;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Where accounts are kept. Small on purpose: {@link FileAccountStore} here, a JDBC one in the
 * archive later. Implementations store what {@link Account} holds (hashes only, never secrets) and
 * make each {@link #put}/{@link #remove} durable before returning.
 */
public interface AccountStore {

  /** The account of that user name. */
  Optional<Account> find(String username) throws IOException;

  /** The account holding an API key with that prefix. */
  Optional<Account> findByApiKeyPrefix(String prefix) throws IOException;

  /** All accounts, ordered by user name. */
  List<Account> list() throws IOException;

  /** Adds or replaces the account of {@code account.username()}. */
  void put(Account account) throws IOException;

  /** Removes the account; false when there was none. */
  boolean remove(String username) throws IOException;
}
