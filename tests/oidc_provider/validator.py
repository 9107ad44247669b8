from oauth2_provider.oauth2_validators import OAuth2Validator


class GroupsClaimValidator(OAuth2Validator):
    """Puts the user's e-mail, name and groups in the ID token and the userinfo response,
    as a municipality's identity provider would send its role claim."""

    oidc_claim_scope = None  # every claim for every scope: this provider is for one test

    def get_additional_claims(self, request):
        user = request.user
        return {
            "email": user.email,
            "given_name": user.first_name,
            "family_name": user.last_name,
            "preferred_username": user.username,
            "groups": sorted(user.groups.values_list("name", flat=True)),
        }
