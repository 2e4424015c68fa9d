export const THEME_STORAGE_KEY = 'berth-theme';
export const TIME_ZONE_COOKIE = 'berth-tz';

/**
 * Runs in <head> before the first paint: applies the stored theme (or the system's) so
 * there is no flash, and records the browser's time zone in a cookie so server-rendered
 * times match the client's on the next request.
 */
export const THEME_SCRIPT = `(function(){try{var d=document.documentElement,s=localStorage.getItem('${THEME_STORAGE_KEY}'),t=s==='light'||s==='dark'?s:(matchMedia('(prefers-color-scheme: dark)').matches?'dark':'light');d.dataset.theme=t;d.style.colorScheme=t;var z=Intl.DateTimeFormat().resolvedOptions().timeZone;if(z&&document.cookie.indexOf('${TIME_ZONE_COOKIE}='+encodeURIComponent(z))<0){document.cookie='${TIME_ZONE_COOKIE}='+encodeURIComponent(z)+';path=/;max-age=31536000;samesite=lax'}}catch(e){}})();`;
