import "zmp-ui/zaui.css";
import "./styles.css";
import { createRoot } from "react-dom/client";
import appConfig from "../app-config.json";
import { Root } from "./app";

// Zalo injects APP_CONFIG inside the app; outside it, zmp-ui still expects it to exist.
if (!window.APP_CONFIG) window.APP_CONFIG = appConfig;

const element = document.getElementById("app");
if (!element) throw new Error("#app missing from index.html");
createRoot(element).render(<Root />);
