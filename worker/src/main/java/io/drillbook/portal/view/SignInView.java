package io.drillbook.portal.view;

/**
 * @param formToken the sign-in form's CSRF token, also set as a cookie (there is no session yet to hold it)
 * @param next where to go after signing in with a token (a portal path); OIDC sign-in lands on the drills
 * @param oidc whether OIDC sign-in is configured: without it the button is not shown
 * @param message a notice (signed out, session ended) or null
 */
public record SignInView(Frame frame, String formToken, String next, boolean oidc, String message) {}
