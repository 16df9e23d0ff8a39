package org.linnea.security.password;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiKeysTest {

  @Test
  void generatedKeyHasPrefixAndMatchesOnlyItsHash() {
    ApiKeys.NewApiKey k = ApiKeys.generate();
    assertThat(k.key()).startsWith("lnk_" + k.prefix() + "_").hasSize(4 + 8 + 1 + 43);
    assertThat(ApiKeys.prefixOf(k.key())).contains(k.prefix());
    assertThat(ApiKeys.matches(k.key(), k.sha256Hex())).isTrue();
    assertThat(ApiKeys.matches(k.key() + "x", k.sha256Hex())).isFalse();
    assertThat(ApiKeys.matches(ApiKeys.generate().key(), k.sha256Hex())).isFalse();
    assertThat(k.toString()).doesNotContain(k.key());
    assertThat(k.sha256Hex()).doesNotContain(k.key().substring(13));
  }

  @Test
  void malformedKeysHaveNoPrefix() {
    assertThat(ApiKeys.prefixOf(null)).isEmpty();
    assertThat(ApiKeys.prefixOf("lnk_short_x")).isEmpty();
    assertThat(ApiKeys.prefixOf("Bearer abc")).isEmpty();
  }
}
