package org.linnea.security.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.linnea.security.access.Principal.Authentication;
import org.linnea.security.access.Principal.Kind;

class AccessPolicyTest {

  private static Principal user(String org, Role... roles) {
    return new Principal("u", Kind.USER, org, Set.of(roles), Authentication.PASSWORD, Optional.of("10.0.0.1"));
  }

  private final SharingGrants grants = (study, from, to) ->
      study.equals("1.2.3") && from.equals("orgA") && to.equals("orgB");
  private final AccessPolicy policy = new AccessPolicy(grants);

  @Test
  void ownOrganisationWithRoleIsAllowed() {
    assertThat(policy.check(user("orgA", Role.READER), Permission.QUERY, "orgA", "9.9").allowed()).isTrue();
  }

  @Test
  void roleMustGrantThePermission() {
    AccessDecision d = policy.check(user("orgA", Role.UPLOADER), Permission.RETRIEVE, "orgA", "9.9");
    assertThat(d.allowed()).isFalse();
    assertThat(d.reason()).contains("RETRIEVE");
  }

  @Test
  void otherOrganisationIsRefusedWithoutGrant() {
    assertThat(policy.check(user("orgB", Role.READER), Permission.RETRIEVE, "orgA", "4.5.6").allowed()).isFalse();
    assertThat(policy.check(user("orgC", Role.READER), Permission.RETRIEVE, "orgA", "1.2.3").allowed()).isFalse();
  }

  @Test
  void sharingGrantGivesReadOnly() {
    Principal b = user("orgB", Role.ADMINISTRATOR);
    assertThat(policy.check(b, Permission.QUERY, "orgA", "1.2.3").allowed()).isTrue();
    assertThat(policy.check(b, Permission.RETRIEVE, "orgA", "1.2.3").allowed()).isTrue();
    for (Permission p : new Permission[] {Permission.DELETE, Permission.STORE, Permission.SHARE, Permission.EXPORT}) {
      assertThat(policy.check(b, p, "orgA", "1.2.3").allowed()).as(p.name()).isFalse();
    }
  }

  @Test
  void organisationWideChecksIgnoreGrants() {
    assertThat(policy.check(user("orgB", Role.ADMINISTRATOR), Permission.QUERY, "orgA").allowed()).isFalse();
    assertThat(policy.check(user("orgA", Role.AUDITOR), Permission.AUDIT_READ, "orgA").allowed()).isTrue();
    assertThat(policy.check(user("orgA", Role.AUDITOR), Permission.CONFIGURE, "orgA").allowed()).isFalse();
  }

  @Test
  void requireThrows() {
    assertThatThrownBy(() -> policy.require(user("orgA", Role.READER), Permission.DELETE, "orgA", "1"))
        .isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void queryScope() {
    assertThat(policy.queryScope(user("orgB", Role.READER), Permission.QUERY))
        .contains(new QueryScope("orgB", true));
    assertThat(policy.queryScope(user("orgB", Role.UPLOADER), Permission.QUERY)).isEmpty();
    assertThat(policy.queryScope(user("orgB", Role.ADMINISTRATOR), Permission.DELETE))
        .contains(new QueryScope("orgB", false));
  }

  @Test
  void rolesParse() {
    assertThat(Role.parse(" reader ")).contains(Role.READER);
    assertThat(Role.parse("root")).isEmpty();
  }
}
