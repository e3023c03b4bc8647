import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

/**
 * A loopback stand-in for Microsoft's Bot Framework OpenID metadata and signing keys, so that
 * inbound JWT validation is exercised for real without the network. Tokens are signed with a key
 * made here; a second key (not published) signs forgeries.
 */
export class OpenIdServer {
  readonly kid = 'test-key-1';
  url = '';
  private server?: http.Server;
  private jwk?: JWK;
  private privateKey?: CryptoKey;
  private forgeryKey?: CryptoKey;

  get issuer(): string {
    return `${this.url}/issuer`;
  }

  get metadataUrl(): string {
    return `${this.url}/.well-known/openid-configuration`;
  }

  async start(): Promise<this> {
    const pair = await generateKeyPair('RS256', { extractable: true });
    this.privateKey = pair.privateKey as CryptoKey;
    this.forgeryKey = (await generateKeyPair('RS256')).privateKey as CryptoKey;
    this.jwk = { ...(await exportJWK(pair.publicKey)), kid: this.kid, use: 'sig', alg: 'RS256' };
    this.server = http.createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/.well-known/openid-configuration') {
        res.end(
          JSON.stringify({
            issuer: this.issuer,
            jwks_uri: `${this.url}/keys`,
            id_token_signing_alg_values_supported: ['RS256'],
          }),
        );
      } else if (req.url === '/keys') {
        res.end(JSON.stringify({ keys: [{ ...this.jwk, endorsements: ['msteams'] }] }));
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Bot Framework settings that point token validation at this server (all of them: see DESIGN.md). */
  adapterSettings() {
    return {
      ToBotFromChannelOpenIdMetadataUrl: this.metadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: this.metadataUrl,
      ToBotFromChannelTokenIssuer: this.issuer,
      ToChannelFromBotLoginUrl: `${this.url}/login`,
      ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      OAuthUrl: `${this.url}/oauth`,
      CallerId: 'urn:botframework:azure',
      ValidateAuthority: true,
    };
  }

  async token(claims: {
    audience: string;
    serviceUrl: string;
    issuer?: string;
    expiresIn?: string | number;
    forged?: boolean;
  }): Promise<string> {
    return new SignJWT({ serviceurl: claims.serviceUrl })
      .setProtectedHeader({ alg: 'RS256', kid: this.kid, typ: 'JWT' })
      .setIssuer(claims.issuer ?? this.issuer)
      .setAudience(claims.audience)
      .setIssuedAt(Math.floor(Date.now() / 1000) - 600)
      .setNotBefore(Math.floor(Date.now() / 1000) - 600)
      .setExpirationTime(claims.expiresIn ?? '1h')
      .sign(claims.forged ? this.forgeryKey! : this.privateKey!);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
