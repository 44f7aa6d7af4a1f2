import pkg from '../../package.json';

export const PRODUCT_NAME: string = pkg.productName;
export const APP_ID = 'org.wps-focal-points.desk';
export const APP_VERSION: string = pkg.version;
