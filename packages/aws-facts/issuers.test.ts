import { issuerRegion } from "./issuers";

describe("issuerRegion", () => {
    test.each([
        ["https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123", "us-east-1"],
        ["https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Zz9/", "eu-west-1"],
        ["https://cognito-idp.cn-north-1.amazonaws.com.cn/cn-north-1_X1", "cn-north-1"],
        ["https://cognito-idp.us-gov-west-1.amazonaws.com/us-gov-west-1_X1", "us-gov-west-1"],
    ])("%s is in %s", (issuer, region) => {
        expect(issuerRegion(issuer)).toBe(region);
    });

    test.each([
        "https://login.example.com/",
        "https://example.okta.com/oauth2/default",
        "https://cognito-idp.us-east-1.amazonaws.com.evil.example/us-east-1_X",
        "http://cognito-idp.us-east-1.amazonaws.com/us-east-1_X",
        "https://cognito-idp.us-east-1.amazonaws.com/",
    ])("%s names no region", (issuer) => {
        expect(issuerRegion(issuer)).toBeUndefined();
    });
});
