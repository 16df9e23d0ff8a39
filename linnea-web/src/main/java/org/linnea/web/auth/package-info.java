/**
 * HTTP authentication and authorisation around every route of the node: local-account sessions
 * ({@code POST /api/login}), API keys and OpenID Connect bearer tokens (RFC 6750), the route to
 * permission table, security headers and the audit of each request. Built on linnea-security.
 */
package org.linnea.web.auth;
