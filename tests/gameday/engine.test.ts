/**
 * The local DynamoDB engine the game day and the runtime tests share (gameday/engine.ts).
 */
import { listenDynalite } from "../../gameday/engine";

test("the engine never closes an idle keep-alive connection (a client reusing one as Node closed it got ECONNRESET)", async () => {
    const { server } = await listenDynalite();
    try {
        // Node's default is 5,000 ms; 0 turns the idle close off.
        expect(server.keepAliveTimeout).toBe(0);
    } finally {
        await new Promise<void>((resolve) => server.close(() => resolve()));
    }
});
