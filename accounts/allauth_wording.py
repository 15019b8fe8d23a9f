"""allauth's and Django's own texts on the pages and in the emails a newcomer meets, so that the
project's catalogs translate them.

Their catalogs speak other registers than the site (colloquial singular Farsi, singular Arabic,
«Забрави си паролата?») and use two or three words for email and password on one page; Django 5.2
changed the id of its "password too short" message, which its catalogs have not caught up with, so
that one shows in English. Django looks a text up in LOCALE_PATHS before any app's catalog: listing
the ids here makes `make messages` put them in ours, translated in the site's register with the
glossary's terms (docs/glossary.md). tests/accounts/test_allauth_wording.py checks that each id is
still one allauth or Django uses, so an upgrade that renames one shows up.
"""

from django.utils.translation import gettext_noop as _
from django.utils.translation import ngettext_lazy

ALLAUTH = [
    # Sign in
    _("Sign In"),
    _("If you have not created an account yet, then please %(link)ssign up%(end_link)s first."),
    _("Email"),
    _("Email address"),
    _("Password"),
    _("Remember Me"),
    _("Forgot your password?"),
    _("The email address and/or password you specified are not correct."),
    _("Too many failed login attempts. Try again later."),
    _("Be patient, you are sending too many requests."),
    _("Account Inactive"),
    _("This account is inactive."),
    _("This account is currently inactive."),
    _("Successfully signed in as %(name)s."),
    # Create an account, and confirm the address
    _("Sign Up"),
    _("Password (again)"),
    _("You must type the same password each time."),
    _("A user is already registered with this email address."),
    _("Verify Your Email Address"),
    _(
        "We have sent an email to you for verification. Follow the link provided to finalize the signup "
        "process. If you do not see the verification email in your main inbox, check your spam folder. "
        "Please contact us if you do not receive the verification email within a few minutes."
    ),
    _(
        "This part of the site requires us to verify that\nyou are who you claim to be. For this purpose, "
        "we require that you\nverify ownership of your email address. "
    ),
    _(
        "We have sent an email to you for\nverification. Please click on the link inside that email. If you "
        "do not see the verification email in your main inbox, check your spam folder. Otherwise\ncontact us "
        "if you do not receive it within a few minutes."
    ),
    _('<strong>Note:</strong> you can still <a href="%(email_url)s">change your email address</a>.'),
    _("Confirm Email Address"),
    _("Confirm"),
    _(
        'Please confirm that <a href="mailto:%(email)s">%(email)s</a> is an email address for user %(user_display)s.'
    ),
    _("Unable to confirm %(email)s because it is already confirmed by a different account."),
    _(
        'This email confirmation link expired or is invalid. Please <a href="%(email_url)s">issue a new email '
        "confirmation request</a>."
    ),
    _("Invalid or expired key."),
    _("Confirmation email sent to %(email)s."),
    _("You have confirmed %(email)s."),
    _("Please Confirm Your Email Address"),
    _("Account Already Exists"),
    _(
        "You are receiving this email because you or someone else tried to signup for an\naccount using email "
        "address:\n\n%(email)s\n\nHowever, an account using that email address already exists.  In case you "
        "have\nforgotten about this, please use the password forgotten procedure to recover\nyour account:\n\n"
        "%(password_reset_url)s"
    ),
    # The password forgotten
    _("Password Reset"),
    _(
        "Forgotten your password? Enter your email address below, and we'll send you an email allowing you "
        "to reset it."
    ),
    _("Reset My Password"),
    _("Please contact us if you have any trouble resetting your password."),
    _(
        "We have sent you an email. If you have not received it please check your spam folder. Otherwise "
        "contact us if you do not receive it in a few minutes."
    ),
    _("The email address is not assigned to any user account."),
    _("Password Reset Email"),
    _(
        "You're receiving this email because you or someone else has requested a password reset for your "
        "user account.\nIt can be safely ignored if you did not request a password reset. Click the link "
        "below to reset your password."
    ),
    _("Unknown Account"),
    _(
        "You are receiving this email because you, or someone else, tried to access an account with email "
        "%(email)s. However, we do not have any record of such an account in our database."
    ),
    _("This mail can be safely ignored if you did not initiate this action."),
    _("If it was you, you can sign up for an account using the link below."),
    _("Bad Token"),
    _("Note"),
    _("You are already logged in as %(user_display)s."),
    _(
        "The password reset link was invalid, possibly because it has already been used.  Please request a "
        '<a href="%(passwd_reset_url)s">new password reset</a>.'
    ),
    _("The password reset token was invalid."),
    _("Change Password"),
    _("Your password is now changed."),
    # The account: its address, its password, signing out
    _("Email Address"),
    _("Current email"),
    _("Changing to"),
    _("Your email address is still pending verification."),
    _("Re-send Verification"),
    _("Cancel Change"),
    _("Change to"),
    _("Change Email"),
    _("This email address is already associated with this account."),
    _("The new value must be different from the current one."),
    _("Your primary email address must be verified."),
    _("Current Password"),
    _("New Password"),
    _("New Password (again)"),
    _("Forgot Password?"),
    _("Please type your current password."),
    _("Incorrect password."),
    _("Password successfully changed."),
    _("Confirm Access"),
    _("Please reauthenticate to safeguard your account."),
    _("Enter your password:"),
    _("Sign Out"),
    _("Are you sure you want to sign out?"),
    _("You have signed out."),
]

DJANGO_PASSWORDS = [
    _("Your password can’t be too similar to your other personal information."),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
    _("Your password can’t be a commonly used password."),
    _("Your password can’t be entirely numeric."),
    _("The password is too similar to the %(verbose_name)s."),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "min_length",
    ),
    _("This password is too common."),
    _("This password is entirely numeric."),
    _("Enter a valid email address."),
]

# English is the catalogs' source language, copied into the English catalog as it is
# (scripts/fill_english_catalog.py); allauth writes its titles in Title Case, the site does not.
ENGLISH = {
    "Sign In": "Sign in",
    "Remember Me": "Remember me",
    "Sign Up": "Create an account",
    "Verify Your Email Address": "Confirm your email address",
    "Confirm Email Address": "Confirm the email address",
    "Please Confirm Your Email Address": "Please confirm your email address",
    "Account Already Exists": "The account already exists",
    "Password Reset": "Forgotten password",
    "Reset My Password": "Send me the link",
    "Password Reset Email": "A link to choose a new password",
    "Unknown Account": "No account with this address",
    "Bad Token": "The link does not work",
    "Change Password": "Change the password",
    "Email Address": "Email address",
    "Re-send Verification": "Send the confirmation again",
    "Cancel Change": "Cancel the change",
    "Change Email": "Change the email address",
    "Current Password": "Current password",
    "New Password": "New password",
    "New Password (again)": "New password (again)",
    "Forgot Password?": "Forgot your password?",
    "Confirm Access": "Confirm it is you",
    "Sign Out": "Sign out",
    "Account Inactive": "Account inactive",
}
