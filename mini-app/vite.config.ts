import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import zaloMiniApp from "zmp-vite-plugin";

// zmp-vite-plugin writes www/app-config.json with the asset lists `zmp deploy` needs. Its declared peer
// range is Vite 4–5, which is why this package stays on Vite 5.
export default defineConfig({
  plugins: [react(), zaloMiniApp()],
  build: { outDir: "www", emptyOutDir: true, reportCompressedSize: false },
});
