import { renderAsync } from "@resvg/resvg-js";
import { FONT_FACES, FONT_ROLES, type FontRole, fontPath } from "./fonts";
import type { CertificateView } from "./render";
import { type LayoutItem, layoutCertificate, PAGE } from "./render-layout";

/** The shared picture: the page's proportions, sharp enough to zoom into on a phone, ~100 KB to send on a weak connection. */
export const IMAGE_SIZE = { width: 1200, height: 849 } as const;

function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function n(value: number): string {
  return Number(value.toFixed(2)).toString();
}

function tag(name: string, attributes: Record<string, string | number>, body?: string): string {
  const attrs = Object.entries(attributes)
    .map(([key, value]) => `${key}="${typeof value === "number" ? n(value) : escapeXml(value)}"`)
    .join(" ");
  return body === undefined ? `<${name} ${attrs}/>` : `<${name} ${attrs}>${escapeXml(body)}</${name}>`;
}

function fontAttributes(role: FontRole): Record<string, string> {
  const face = FONT_FACES[role];
  return { "font-family": face.family, "font-weight": face.weight, "font-style": face.style };
}

function toSvg(item: LayoutItem): string {
  switch (item.kind) {
    case "frame":
      return tag("rect", {
        x: item.x,
        y: item.y,
        width: item.w,
        height: item.h,
        fill: "none",
        stroke: item.color,
        "stroke-width": item.width,
      });
    case "line":
      return tag("line", { x1: item.x1, y1: item.y1, x2: item.x2, y2: item.y2, stroke: item.color, "stroke-width": item.width });
    case "qr": {
      const m = item.module;
      const d = item.runs
        .map((r) => `M${n(item.x + r.col * m)} ${n(item.y + r.row * m)}h${n(r.length * m)}v${n(m)}h${n(-r.length * m)}z`)
        .join("");
      // crispEdges: no grey seams between neighbouring modules, which a phone camera reads as noise.
      return tag("path", { d, fill: "#000", "shape-rendering": "crispEdges" });
    }
    case "text":
      return tag(
        "text",
        { x: item.x, y: item.y, "font-size": item.size, ...fontAttributes(item.font), fill: item.color, "text-anchor": item.anchor },
        item.text,
      );
    case "stamp":
      return tag(
        "text",
        {
          x: item.cx,
          y: item.cy + item.size * 0.36,
          transform: `rotate(${n(item.angle)} ${n(item.cx)} ${n(item.cy)})`,
          "font-size": item.size,
          ...fontAttributes("sansBold"),
          fill: item.color,
          "fill-opacity": item.opacity,
          "text-anchor": "middle",
        },
        item.text,
      );
  }
}

export function certificateSvg(view: CertificateView): string {
  const layout = layoutCertificate(view);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${IMAGE_SIZE.width}" height="${IMAGE_SIZE.height}" viewBox="0 0 ${PAGE.width} ${PAGE.height}">`,
    `<title>${escapeXml(layout.title)}</title>`,
    tag("rect", { width: PAGE.width, height: PAGE.height, fill: "#fff" }),
    ...layout.items.map(toSvg),
    "</svg>",
  ].join("\n");
}

/** PNG of the certificate, drawn off the event loop by resvg with the bundled fonts only. */
export async function renderCertificatePng(view: CertificateView): Promise<Buffer> {
  const rendered = await renderAsync(certificateSvg(view), {
    background: "#ffffff",
    // System fonts off: the picture must look the same on a bare CI machine as on a developer's laptop.
    font: { loadSystemFonts: false, fontFiles: FONT_ROLES.map(fontPath), defaultFontFamily: FONT_FACES.serif.family },
    logLevel: "error",
  });
  return rendered.asPng();
}
