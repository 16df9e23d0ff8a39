package org.linnea.security.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.linnea.security.testing.MutableClock;

class LoginThrottleTest {

  private final MutableClock clock = new MutableClock();
  private final LoginThrottle t = new LoginThrottle(
      new LoginThrottle.Settings(3, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofHours(1), 1000), clock);

  @Test
  void backOffDoublesAfterFreeFailures() {
    for (int i = 0; i < 3; i++) {
      assertThat(t.check("alice", "10.0.0.1").allowed()).isTrue();
      t.recordFailure("alice", "10.0.0.1");
    }
    assertThat(t.check("alice", "10.0.0.1").allowed()).isTrue();
    t.recordFailure("alice", "10.0.0.1"); // 4th: 1 s
    assertThat(t.check("alice", "10.0.0.1").retryAfter()).isEqualTo(Duration.ofSeconds(1));
    clock.advance(Duration.ofSeconds(1));
    assertThat(t.check("alice", "10.0.0.1").allowed()).isTrue();
    t.recordFailure("alice", "10.0.0.1"); // 5th: 2 s
    assertThat(t.check("alice", "10.0.0.1").retryAfter()).isEqualTo(Duration.ofSeconds(2));
    clock.advance(Duration.ofSeconds(2));
    t.recordFailure("alice", "10.0.0.1"); // 6th: 4 s
    assertThat(t.check("alice", "10.0.0.1").retryAfter()).isEqualTo(Duration.ofSeconds(4));
    for (int i = 0; i < 20; i++) {
      t.recordFailure("alice", "10.0.0.1");
    }
    assertThat(t.check("alice", "10.0.0.1").retryAfter()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void lockedUserNameIsLockedFromEveryAddress() {
    for (int i = 0; i < 4; i++) {
      t.recordFailure("bob", "10.0.0." + i);
    }
    LoginThrottle.Decision d = t.check("bob", "192.168.1.1");
    assertThat(d.allowed()).isFalse();
    assertThat(d.lockedBy()).isEqualTo("user");
  }

  @Test
  void lockedAddressIsLockedForEveryUserName() {
    for (int i = 0; i < 4; i++) {
      t.recordFailure("user" + i, "10.9.9.9");
    }
    LoginThrottle.Decision d = t.check("carol", "10.9.9.9");
    assertThat(d.allowed()).isFalse();
    assertThat(d.lockedBy()).isEqualTo("address");
    assertThat(t.check("carol", "10.9.9.8").allowed()).isTrue();
  }

  @Test
  void successClearsUserNotAddress() {
    for (int i = 0; i < 4; i++) {
      t.recordFailure("dave", "10.1.1.1");
    }
    t.recordSuccess("dave");
    assertThat(t.check("dave", "10.2.2.2").allowed()).isTrue();
    assertThat(t.check("dave", "10.1.1.1").allowed()).isFalse();
  }

  @Test
  void failuresAreForgottenAfterQuiet() {
    for (int i = 0; i < 4; i++) {
      t.recordFailure("erin", "10.1.1.1");
    }
    clock.advance(Duration.ofHours(2));
    t.recordFailure("erin", "10.1.1.1");
    assertThat(t.check("erin", "10.1.1.1").allowed()).isTrue();
  }

  @Test
  void memoryIsBounded() {
    LoginThrottle small = new LoginThrottle(
        new LoginThrottle.Settings(3, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofHours(1), 10), clock);
    for (int i = 0; i < 100; i++) {
      small.recordFailure("u" + i, "a" + i);
    }
    assertThat(small.size()).isLessThanOrEqualTo(10);
  }
}
